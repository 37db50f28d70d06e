/**
 * The host side of a run, the same for the page and the Node harness: starts the learner
 * worker with a connector to the broker, copies its console output into the broker's record,
 * enforces the time limit (terminating the worker: an infinite loop cannot stop itself), and
 * returns the broker's record with the outcome. The broker outlives the worker, so the record
 * of what happened up to a forced stop survives.
 */
import type { BrokerHost } from '../../../sandbox-broker/src/browser/host-connection.ts';
import type { RunOutcome, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { EndCondition } from '../schema/exercise-meta.ts';
import { transpileLearnerCode } from '../runtime/transpile.ts';
import { HEARTBEAT_MS, type HostToWorker, type WorkerToHost } from './run-protocol.ts';
import { serveLab, type LabPort } from './lab/lab-host.ts';

/** The learner worker as the controller needs it; a Web Worker or a `worker_threads` Worker behind it. */
export interface LearnerWorkerHandle {
  post(message: HostToWorker, transfer: Transferable[]): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

export interface RunRequest {
  host: BrokerHost;
  /** Created on demand: a run whose code does not even transpile starts no worker. */
  startWorker: () => LearnerWorkerHandle;
  /** The learner's TypeScript source. */
  code: string;
  timeLimitMs: number;
  end: EndCondition;
  /** The scenario module reference the worker's loader understands. */
  scenario?: string;
  /** Aborting it is the Stop button. */
  signal?: AbortSignal;
}

export const DEFAULT_IDLE_MS = 150;
/** Heartbeats silent this long mean the code is stuck in a loop that never yields. */
export const STUCK_MS = 1500;
const STUCK_POLL_MS = 100;
/**
 * Lets the broker record the ends of the links the worker left open (and any wills) before the
 * snapshot. Not needed when every client had ended: their ends are recorded already.
 */
const SETTLE_MS = 30;

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export async function runLearnerCode(request: RunRequest): Promise<RunRecord> {
  const transpiled = transpileLearnerCode(request.code);
  if (!transpiled.ok) {
    const record = await request.host.snapshot();
    const outcome: RunOutcome = { status: 'threw', message: `Your code does not compile: ${transpiled.message}` };
    if (transpiled.line !== undefined) outcome.line = transpiled.line;
    return { ...record, outcome };
  }

  const connector = request.host.openClientPort();
  // The scenario's faults and the learner's HTTP exchanges reach the broker through the host, never directly.
  const lab = new MessageChannel();
  serveLab(lab.port1 as unknown as LabPort, request.host);
  const worker = request.startWorker();
  const logging: Promise<void>[] = [];
  const peers: string[] = [];
  let lastBeat: number | undefined;

  const outcome = await new Promise<RunOutcome>((resolve) => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const finish = (result: RunOutcome): void => {
      timers.forEach((timer) => clearTimeout(timer));
      clearInterval(stuckWatch);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish({ status: 'stopped', message: 'Stopped.' });
    request.signal?.addEventListener('abort', onAbort);
    if (request.signal?.aborted) onAbort();

    timers.push(setTimeout(() => finish({
      status: 'timed-out',
      message: `Your code was still running after ${seconds(request.timeLimitMs)}, the time limit for this exercise. Stopped.`,
    }), request.timeLimitMs));
    let lastPoll = Date.now();
    const stuckWatch = setInterval(() => {
      const now = Date.now();
      // A late poll means this thread was busy itself; heartbeats may be queued unread behind it.
      const hostWasBusy = now - lastPoll > STUCK_POLL_MS + HEARTBEAT_MS;
      lastPoll = now;
      if (lastBeat === undefined) return;
      if (hostWasBusy) lastBeat = now;
      else if (now - lastBeat > STUCK_MS) {
        finish({ status: 'timed-out', message: `Your code ran for ${seconds(STUCK_MS)} without yielding — an infinite loop? Stopped.` });
      }
    }, STUCK_POLL_MS);

    worker.onMessage((message) => {
      if (message.type === 'heartbeat') lastBeat = Date.now();
      else if (message.type === 'peer') peers.push(message.clientId);
      else if (message.type === 'console') logging.push(request.host.log(message.level, message.text));
      else finish(message.outcome);
    });
    worker.onError((message) => finish({ status: 'threw', message }));
    const start: HostToWorker = {
      type: 'start',
      code: transpiled.code,
      connector,
      lab: lab.port2,
      idleMs: request.end.idleMs ?? DEFAULT_IDLE_MS,
      ...(request.end.afterMs === undefined ? {} : { afterMs: request.end.afterMs }),
      ...(request.scenario === undefined ? {} : { scenario: request.scenario }),
    };
    worker.post(start, [connector, lab.port2]);
  });

  worker.terminate();
  lab.port1.close();
  await Promise.allSettled(logging);
  const dropped = await request.host.closeClientPort(connector);
  if (dropped > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const record = await request.host.snapshot();
  return peers.length > 0 ? { ...record, outcome, peers } : { ...record, outcome };
}
