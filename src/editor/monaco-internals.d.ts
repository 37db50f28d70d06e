/** Types for the one Monaco internal module imported directly (it ships no declarations). */
declare module 'monaco-editor/languages/features/typescript/tsMode' {
  type LanguageServiceDefaults = typeof import('monaco-editor/languages/features/typescript/register').typescriptDefaults;
  export function setupTypeScript(defaults: LanguageServiceDefaults): void;
}
