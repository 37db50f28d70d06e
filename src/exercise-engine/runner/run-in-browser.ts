/**
 * Runs learner code in the page: the sandbox broker in its worker (started here, or the page's
 * own long-lived one), the learner's code in a fresh learner worker per run, started ahead of the
 * run. Returns the record and can be stopped; grading is `grade(await loadChecks(id), record)`.
 */
import { startBrokerWorker, type BrokerHost } from '../../../sandbox-broker/src/browser/broker-host.ts';
import type { SandboxBrokerOptions } from '../../../sandbox-broker/src/index.ts';
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { CheckResult } from '../checks/check-types.ts';
import { loadChecks, scenarioRef } from '../exercise-checks.ts';
import type { Exercise } from '../exercise-types.ts';
import { grade } from '../grader.ts';
import { runWithLearnerBroker } from './broker-from-learner.ts';
import { runLearnerCode, type LearnerWorkerHandle } from './run-controller.ts';
import type { WorkerToHost } from './run-protocol.ts';

function startBrowserLearnerWorker(): LearnerWorkerHandle {
  // This exact `new Worker(new URL(...), { type: 'module' })` shape is what Vite bundles as a worker.
  const worker = new Worker(new URL('./learner-worker.ts', import.meta.url), { type: 'module', name: 'learner' });
  // A warm worker may fail to load before its run listens: the failure is kept for that run.
  let failure: string | undefined;
  const errorListeners: ((message: string) => void)[] = [];
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failure = `The learner worker failed: ${event.message}`;
    for (const listener of errorListeners) listener(failure);
  });
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<WorkerToHost>) => listener(event.data)),
    onError: (listener) => {
      errorListeners.push(listener);
      if (failure !== undefined) listener(failure);
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * The next run's learner worker, started ahead of it: loading the worker and MQTT.js is most of
 * a simple run's time. It has run no code; a worker that has run learner code is never reused.
 */
let warmWorker: LearnerWorkerHandle | undefined;

/** Starts the next run's learner worker now (when the editor opens), unless one is waiting. */
export function warmLearnerWorker(): void {
  warmWorker ??= startBrowserLearnerWorker();
}

/** The waiting warm worker for this run; once this run's worker is terminated, the next is warmed. */
function takeLearnerWorker(): LearnerWorkerHandle {
  const worker = warmWorker ?? startBrowserLearnerWorker();
  warmWorker = undefined;
  return {
    ...worker,
    terminate() {
      worker.terminate();
      warmLearnerWorker();
    },
  };
}

export interface BrowserRunOptions {
  exercise: Exercise;
  code: string;
  /**
   * A broker the page keeps (so its live view stays subscribed); it is reset with the
   * exercise's options before the run. Without one, a broker is started for this run and
   * terminated after it.
   */
  host?: BrokerHost;
}

export interface BrowserRun {
  /** The broker of this run: subscribe to `onEntry` for the live packet view. */
  host: BrokerHost;
  record: Promise<RunRecord>;
  /** The Stop button: ends the run now, keeping the record so far. */
  stop(): void;
}

export function runInBrowser(options: BrowserRunOptions): BrowserRun {
  const { exercise } = options;
  const brokerOptions = exercise.meta.broker as SandboxBrokerOptions;
  const host = options.host ?? startBrokerWorker(brokerOptions);
  const stopper = new AbortController();
  const scenario = scenarioRef(exercise);
  const run = async (): Promise<RunRecord> => {
    if (options.host) await options.host.reset(brokerOptions);
    try {
      const request = {
        host,
        startWorker: takeLearnerWorker,
        code: options.code,
        timeLimitMs: exercise.meta.timeLimitMs,
        end: exercise.meta.end,
        signal: stopper.signal,
        ...(scenario === undefined ? {} : { scenario }),
      };
      return await (exercise.meta.learnerConfiguresBroker ? runWithLearnerBroker(request, brokerOptions) : runLearnerCode(request));
    } finally {
      if (!options.host) host.terminate();
    }
  };
  return { host, record: run(), stop: () => stopper.abort() };
}

export async function runAndGradeInBrowser(options: BrowserRunOptions): Promise<{ record: RunRecord; results: CheckResult[] }> {
  const [record, checks] = await Promise.all([runInBrowser(options).record, loadChecks(options.exercise.id)]);
  return { record, results: grade(checks, record) };
}
