/**
 * Entry of the learner worker in Node (`worker_threads`), used by `npm run check` and the tests.
 * Node runs this file with its built-in type stripping, so everything it imports uses explicit
 * `.ts` extensions and erasable TypeScript only.
 */
import { parentPort } from 'node:worker_threads';
import type { HostToWorker } from './run-protocol.ts';
import { runLearnerSession } from './learner-session.ts';
import type { ScenarioModule } from './scenario-types.ts';

const port = parentPort;
if (!port) throw new Error('node-learner-worker.ts must run as a worker thread');

port.once('message', (start: HostToWorker) => {
  void runLearnerSession(start, {
    post: (message) => port.postMessage(message),
    loadScenario: (ref) => import(ref) as Promise<ScenarioModule>,
    onUncaught: (listener) => {
      process.on('uncaughtException', listener);
      process.on('unhandledRejection', listener);
    },
  });
});
