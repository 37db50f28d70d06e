import { describe, expect, it, vi } from 'vitest';
import { debounced, forgetSavedCode, loadSavedCode, saveCode, savedCodeKey, type StorageLike } from '../saved-code.ts';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('saved learner code', () => {
  it('round-trips the code of one exercise without touching another', () => {
    const storage = memoryStorage();
    expect(saveCode('m/a', 'const a = 1;', storage, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(loadSavedCode('m/a', storage)).toEqual({ status: 'saved', code: 'const a = 1;', savedAt: '2026-01-01T00:00:00.000Z' });
    expect(loadSavedCode('m/b', storage)).toEqual({ status: 'none' });
  });

  it.each([['not json', '{oops'], ['wrong shape', '{"version":1,"code":42}'], ['unknown version', '{"version":2,"code":"x","savedAt":"t"}'], ['null', 'null']])(
    'reports a corrupt value (%s) instead of throwing',
    (_name, text) => {
      const storage = memoryStorage();
      storage.data.set(savedCodeKey('m/a'), text);
      expect(loadSavedCode('m/a', storage)).toEqual({ status: 'corrupt' });
    },
  );

  it('survives storage that throws (disabled, over quota)', () => {
    const broken: StorageLike = {
      getItem: () => { throw new Error('denied'); },
      setItem: () => { throw new Error('quota'); },
      removeItem: () => { throw new Error('denied'); },
    };
    expect(loadSavedCode('m/a', broken)).toEqual({ status: 'none' });
    expect(saveCode('m/a', 'x', broken)).toBe(false);
    expect(() => forgetSavedCode('m/a', broken)).not.toThrow();
    expect(saveCode('m/a', 'x', undefined)).toBe(false);
  });

  it('forgets the saved code on reset', () => {
    const storage = memoryStorage();
    saveCode('m/a', 'x', storage);
    forgetSavedCode('m/a', storage);
    expect(loadSavedCode('m/a', storage)).toEqual({ status: 'none' });
  });

  it('debounces saves to the last edit, and flush saves a pending edit at once', () => {
    vi.useFakeTimers();
    try {
      const saved: string[] = [];
      const saver = debounced((code) => saved.push(code), 400);
      saver.push('a');
      saver.push('ab');
      vi.advanceTimersByTime(399);
      expect(saved).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(saved).toEqual(['ab']);
      saver.push('abc');
      saver.flush();
      expect(saved).toEqual(['ab', 'abc']);
      saver.flush();
      expect(saved).toEqual(['ab', 'abc']);
    } finally {
      vi.useRealTimers();
    }
  });
});
