/**
 * Loads the editor slice once per page, however many exercises ask for it.
 */
import type { Monaco } from './monaco-editor.ts';

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco-editor.ts').then((module) => module.monaco);
  return loading;
}
