/// <reference types="vite/client" />
/**
 * Entry of the learner worker in the browser (a module Web Worker started by run-in-browser.ts).
 * It runs the learner's code and the exercise's scenario; the page terminates it at the time
 * limit or on Stop, and the broker — in its own worker — survives with the record.
 */
import { Buffer } from 'buffer';
import type { HostToWorker, WorkerToHost } from './run-protocol.ts';
import { runLearnerSession } from './learner-session.ts';
import type { ScenarioModule } from './scenario-types.ts';

// Learner code runs under Node in `npm run check` and here in the page: the same globals in both,
// so `Buffer.from(…)` for a binary payload works wherever the code is graded.
Object.assign(globalThis, { Buffer });

// Scenarios are bundled with the worker, one lazy chunk each, keyed by their path from the root.
const scenarios = import.meta.glob<ScenarioModule>('/exercises/*/*/scenario.ts');

/** The worker's global scope, typed by what is used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostToWorker>) => void, options?: { once: boolean }): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  void runLearnerSession(event.data, {
    post: (message) => scope.postMessage(message),
    loadScenario: async (ref) => {
      const load = scenarios[ref];
      if (!load) throw new Error(`no scenario module at ${ref}`);
      return load();
    },
    onUncaught: (listener) => {
      scope.addEventListener('error', (errorEvent) => {
        errorEvent.preventDefault();
        listener(errorEvent.error ?? new Error(errorEvent.message));
      });
      scope.addEventListener('unhandledrejection', (rejection) => {
        rejection.preventDefault();
        listener(rejection.reason);
      });
    },
  });
}, { once: true });
