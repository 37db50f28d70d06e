import { describe, expect, it } from 'vitest';
import { loadScreenReaderMode, saveScreenReaderMode } from '../editor-preferences.ts';
import { monacoThemeFor } from '../accessible-themes.ts';

describe('editor preferences and theme', () => {
  it('remembers screen-reader mode, and reads anything else as off', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
    expect(loadScreenReaderMode(storage)).toBe(false);
    saveScreenReaderMode(true, storage);
    expect(loadScreenReaderMode(storage)).toBe(true);
    saveScreenReaderMode(false, storage);
    expect(loadScreenReaderMode(storage)).toBe(false);
  });
  it('maps the site theme to an editor theme', () => {
    expect(monacoThemeFor('dark')).toBe('mqtt-lab-dark');
    expect(monacoThemeFor('light')).toBe('mqtt-lab-light');
  });
});
