/**
 * Monaco's own themes with the colours that fail WCAG AA (4.5:1) on their backgrounds replaced:
 * vs-dark's comment green (#608B4E on #1E1E1E, about 4.2:1).
 */
import type { Monaco } from './monaco-editor.ts';
import type { SiteTheme } from './starlight-theme.ts';

export const LIGHT_THEME = 'mqtt-lab-light';
export const DARK_THEME = 'mqtt-lab-dark';

export function defineAccessibleThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(LIGHT_THEME, { base: 'vs', inherit: true, rules: [], colors: {} });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [{ token: 'comment', foreground: '7fb069' }],
    colors: {},
  });
}

export const monacoThemeFor = (theme: SiteTheme): string => (theme === 'dark' ? DARK_THEME : LIGHT_THEME);
