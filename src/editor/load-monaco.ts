/**
 * Loads the editor slice once per page, however many exercises ask for it. A failed load (the
 * network dropped) is forgotten, so that the next request (another exercise, the solution diff)
 * tries again.
 */
import type { Monaco } from './monaco-editor.ts';

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco-editor.ts').then(
    (module) => module.monaco,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
