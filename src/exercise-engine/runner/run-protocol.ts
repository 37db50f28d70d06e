/**
 * Messages between the run's host (the page, or the Node harness) and the learner worker.
 * The host starts the run with `start`, handing over a connector port of the sandbox broker
 * (each MQTT.js connection the learner or the scenario opens becomes a link through it).
 */
import type { RunOutcome } from '../../../sandbox-broker/src/record-types.ts';

export interface StartMessage {
  type: 'start';
  /** Learner code already transpiled to the CommonJS shape the session evaluates. */
  code: string;
  /** A connector port from the broker host. */
  connector: MessagePort;
  /** Where the scenario module is, in terms the worker's scenario loader understands; absent when none. */
  scenario?: string;
  idleMs: number;
  afterMs?: number;
  /** The scenario's lab port: faults and HTTP exchanges it asks the host to apply or record (see lab/lab-protocol.ts). */
  lab?: MessagePort;
}

export type HostToWorker = StartMessage;

export type WorkerToHost =
  | { type: 'console'; level: 'log' | 'info' | 'warn' | 'error'; text: string }
  /** Sent every `HEARTBEAT_MS` while the worker's event loop turns; silence means it is stuck. */
  | { type: 'heartbeat' }
  /** A scenario peer's client id, so checks can tell the learner's clients from the peers. */
  | { type: 'peer'; clientId: string }
  | { type: 'finished'; outcome: RunOutcome };

export const HEARTBEAT_MS = 200;
