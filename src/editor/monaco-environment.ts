/// <reference types="vite/client" />
/**
 * Tells Monaco how to start its two workers. Vite's `?worker` imports give constructors whose
 * scripts are fetched only when a worker is created: the editor worker when a diff is first
 * computed, the TypeScript worker when the language service is started (after the editor is usable).
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';

interface MonacoEnvironmentShape {
  getWorker(workerId: string, label: string): Worker;
}

export function installMonacoEnvironment(): void {
  const environment: MonacoEnvironmentShape = {
    getWorker: (_workerId, label) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
  };
  (globalThis as { MonacoEnvironment?: MonacoEnvironmentShape }).MonacoEnvironment = environment;
}
