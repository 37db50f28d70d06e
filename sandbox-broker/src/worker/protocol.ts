/**
 * The messages between the page (broker-host) and the broker worker (broker-service).
 *
 * Three kinds of channel:
 * - the worker's own channel carries requests (page → worker), each answered by one `WorkerReply`
 *   with the same `id`;
 * - an entries port (created by the page at start) carries the live record, batched;
 * - connector ports (one per `openClientPort()`) carry link requests: each `ConnectorMessage`
 *   transfers a fresh port that becomes one MQTT connection (a `portStream` at both ends).
 *   A connector can be handed to another worker, so any number of MQTT.js clients there reach
 *   the broker without going through the page.
 */
import type { RunRecord } from '../record-types.ts';
import type { NewEvent } from '../recorder.ts';
import type { Instruments, SandboxBrokerOptions } from '../index.ts';

export type InstrumentName = 'cutLink' | 'dropNext' | 'delayNext' | 'setLinkConditions' | 'refuseConnections';

/** One call of an instrument, with the instrument's own argument list (all plain data). */
export type InstrumentCall = {
  [K in InstrumentName]: { readonly name: K; readonly args: Parameters<Instruments[K]> };
}[InstrumentName];

export type WorkerRequest =
  | { readonly type: 'start'; readonly id: number; readonly options: SandboxBrokerOptions; readonly entries: MessagePort }
  | { readonly type: 'add-connector'; readonly id: number; readonly connectorId: number; readonly port: MessagePort }
  | { readonly type: 'close-connector'; readonly id: number; readonly connectorId: number }
  | { readonly type: 'instrument'; readonly id: number; readonly call: InstrumentCall }
  | { readonly type: 'advance-clock'; readonly id: number; readonly ms: number }
  | { readonly type: 'restart'; readonly id: number; readonly keepSessions: boolean }
  | { readonly type: 'snapshot'; readonly id: number }
  | { readonly type: 'clear'; readonly id: number }
  | { readonly type: 'log'; readonly id: number; readonly level: 'log' | 'info' | 'warn' | 'error'; readonly text: string }
  | { readonly type: 'reset'; readonly id: number; readonly options: SandboxBrokerOptions }
  /** Runs with several nodes (`options.nodes`, module 5): stop a node like a crash, start it again. */
  | { readonly type: 'stop-node'; readonly id: number; readonly node: string }
  | { readonly type: 'start-node'; readonly id: number; readonly node: string }
  /** An event from outside the broker (a scenario's fault or wait, an exchange with an in-page HTTP API). */
  | { readonly type: 'record-event'; readonly id: number; readonly event: NewEvent };

/** What each request resolves to on the page. */
export interface ReplyValues {
  start: undefined;
  'add-connector': undefined;
  /** How many links were still open and were dropped. */
  'close-connector': number;
  instrument: unknown;
  'advance-clock': undefined;
  restart: undefined;
  snapshot: RunRecord;
  clear: undefined;
  log: undefined;
  reset: undefined;
  'record-event': undefined;
  'stop-node': undefined;
  'start-node': undefined;
}

export type WorkerReply =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

/**
 * On the entries port. `entries` is a JSON array of RecordEntry: one string crosses threads far
 * cheaper than structured-cloning thousands of small objects, and the page parses it faster.
 * `cleared` marks where the record started again (after `clear` or `reset`), so a live view
 * knows to drop what it showed.
 */
export type EntriesMessage =
  | { readonly type: 'entries'; readonly json: string }
  | { readonly type: 'cleared' };

/**
 * On a connector port: one new MQTT connection (`link`: a byte stream), or one new MQTT-SN client
 * socket for the gateway (`sn-link`: each message on the port is one datagram), carried by the
 * transferred port; or (module 5) a node of a run with several stopped or started by an exercise's
 * scenario, answered with `{ error?: string }` on `reply` once done.
 */
export type ConnectorMessage =
  | {
      readonly type: 'link';
      readonly port: MessagePort;
      /** The node the connection is for, in a run with several (module 5); absent: the first. */
      readonly node?: string;
    }
  | { readonly type: 'sn-link'; readonly port: MessagePort }
  | { readonly type: 'stop-node' | 'start-node'; readonly node: string; readonly reply: MessagePort };
