/**
 * Runs learner code against the real sandbox broker in Node: the broker served in this thread
 * exactly as the broker worker serves it in the page, the learner's code in a `worker_threads`
 * Worker that can be terminated. Used by `npm run check` and the engine's tests.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { SandboxBrokerOptions } from '../../../sandbox-broker/src/index.ts';
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import { connectBrokerHost, type BrokerHost } from '../../../sandbox-broker/src/browser/host-connection.ts';
import { serveSandboxBroker } from '../../../sandbox-broker/src/worker/broker-service.ts';
import type { PortLike } from '../../../sandbox-broker/src/worker/port-like.ts';
import type { CheckResult } from '../checks/check-types.ts';
import { grade } from '../grader.ts';
import type { LoadedExercise } from '../node/load-exercises.ts';
import type { EndCondition } from '../schema/exercise-meta.ts';
import { runWithLearnerBroker } from './broker-from-learner.ts';
import { runLearnerCode, type LearnerWorkerHandle } from './run-controller.ts';
import type { HostToWorker, WorkerToHost } from './run-protocol.ts';

/** A sandbox broker served over a MessageChannel in this thread, behind the page's own host API. */
export function startBrokerInThread(options: SandboxBrokerOptions): BrokerHost {
  const { port1, port2 } = new MessageChannel();
  serveSandboxBroker(port2 as unknown as PortLike);
  const { host } = connectBrokerHost(port1 as unknown as PortLike, options, () => {
    port1.close();
    port2.close();
  });
  return host;
}

function startNodeLearnerWorker(): LearnerWorkerHandle {
  const worker = new Worker(new URL('./node-learner-worker.ts', import.meta.url));
  return {
    post: (message: HostToWorker, transfer) => worker.postMessage(message, transfer as never),
    onMessage: (listener) => worker.on('message', (message: WorkerToHost) => listener(message)),
    onError: (listener) => worker.on('error', (error) => listener(`${error.name}: ${error.message}`)),
    terminate: () => void worker.terminate(),
  };
}

export interface NodeRunOptions {
  broker?: SandboxBrokerOptions;
  timeLimitMs?: number;
  end?: EndCondition;
  /** Absolute file URL of a scenario module. */
  scenario?: string;
  signal?: AbortSignal;
  /** The learner's default export configures the broker (see broker-from-learner.ts). */
  learnerConfiguresBroker?: boolean;
}

export async function runInNode(code: string, options: NodeRunOptions = {}): Promise<RunRecord> {
  const host = startBrokerInThread(options.broker ?? {});
  try {
    const request = {
      host,
      startWorker: startNodeLearnerWorker,
      code,
      timeLimitMs: options.timeLimitMs ?? 5000,
      end: options.end ?? {},
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    return await (options.learnerConfiguresBroker ? runWithLearnerBroker(request, options.broker ?? {}) : runLearnerCode(request));
  } finally {
    host.terminate();
  }
}

export function runExercise(loaded: LoadedExercise, code: string): Promise<RunRecord> {
  const { meta } = loaded.exercise;
  return runInNode(code, {
    broker: meta.broker as SandboxBrokerOptions,
    timeLimitMs: meta.timeLimitMs,
    end: meta.end,
    learnerConfiguresBroker: meta.learnerConfiguresBroker,
    ...(loaded.scenarioUrl === undefined ? {} : { scenario: loaded.scenarioUrl }),
  });
}

export async function runAndGrade(loaded: LoadedExercise, code: string): Promise<{ record: RunRecord; results: CheckResult[] }> {
  const record = await runExercise(loaded, code);
  return { record, results: grade(loaded.checks, record) };
}
