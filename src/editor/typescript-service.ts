/**
 * Starts the TypeScript language service (completion, hovers, type errors as markers) for the
 * learner's code. Called after the editor is usable: the service's worker is 1.4 MB gzip and the
 * editor must not wait for it. Safe to call more than once.
 */
import { mqttTypeLibs } from './mqtt-type-libs.ts';

let started: Promise<void> | undefined;

export function startTypeScriptService(): Promise<void> {
  started ??= (async () => {
    const [{ typescriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget }, tsMode] = await Promise.all([
      import('monaco-editor/languages/features/typescript/register'),
      import('monaco-editor/languages/features/typescript/tsMode'),
    ]);
    typescriptDefaults.setCompilerOptions({
      target: ScriptTarget.ES2020,
      module: ModuleKind.ESNext,
      moduleResolution: ModuleResolutionKind.NodeJs,
      strict: true,
      esModuleInterop: true,
      allowSyntheticDefaultImports: true,
      noEmit: true,
      // Library file names, not tsconfig's short names: the options go to the compiler API as they
      // are. The learner's code runs in a Web Worker, so its globals are the worker's.
      lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
    });
    typescriptDefaults.setExtraLibs(mqttTypeLibs());
    // The editor's model already exists, so the register module's "on first use" hook has
    // fired before it was loaded: set the language features up directly.
    tsMode.setupTypeScript(typescriptDefaults);
  })();
  return started;
}
