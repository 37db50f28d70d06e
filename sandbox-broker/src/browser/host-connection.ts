import type { Instruments, SandboxBrokerOptions } from '../index.ts';
import type { RecordEntry, RunRecord } from '../record-types.ts';
import type { NewEvent } from '../recorder.ts';
import type { ClosablePortLike, PortLike } from '../worker/port-like.ts';
import type { EntriesMessage, InstrumentCall, InstrumentName, ReplyValues, WorkerReply, WorkerRequest } from '../worker/protocol.ts';

/** The page's handle on a sandbox broker running in a worker. */
export interface BrokerHost {
  /**
   * A connector port for MQTT clients (see `brokerStreamBuilder`). Transfer it to another worker
   * (the learner's) so its clients reach the broker directly.
   */
  openClientPort(): MessagePort;
  /**
   * Drops every connection made through that connector (their wills fire) and closes it. Resolves
   * with how many were still open: with none, no will or drop is still to be recorded.
   */
  closeClientPort(port: MessagePort): Promise<number>;
  /** Live record entries, in order. Returns the unsubscribe function. */
  onEntry(listener: (entry: RecordEntry) => void): () => void;
  /** The record started again (clear or reset): a live view should drop what it shows. */
  onCleared(listener: () => void): () => void;
  instrument<K extends InstrumentName>(name: K, ...args: Parameters<Instruments[K]>): Promise<unknown>;
  advanceClock(ms: number): Promise<void>;
  restart(options: { keepSessions: boolean }): Promise<void>;
  snapshot(): Promise<RunRecord>;
  clear(): Promise<void>;
  log(level: 'log' | 'info' | 'warn' | 'error', text: string): Promise<void>;
  /** Adds an event from outside the broker to the record (a scenario's fault, an HTTP exchange). */
  recordEvent(event: NewEvent): Promise<void>;
  /** A fresh broker with these options; existing connections drop, connectors stay usable. */
  reset(options: SandboxBrokerOptions): Promise<void>;
  /** Stops a node of a run with several (`options.nodes`, module 5) like a crash; `startNode` starts it again. */
  stopNode(node: string): Promise<void>;
  startNode(node: string): Promise<void>;
  terminate(): void;
}

type RequestWithoutId = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Speaks the worker protocol over any endpoint (a Worker in the page, a MessageChannel port in
 * Node tests). `fail` rejects everything pending, for when the worker itself dies.
 */
export function connectBrokerHost(
  endpoint: PortLike,
  options: SandboxBrokerOptions,
  terminateEndpoint: () => void,
): { host: BrokerHost; fail(reason: string): void } {
  let nextId = 1;
  let nextConnectorId = 1;
  const pending = new Map<number, Pending>();
  const connectorIds = new WeakMap<MessagePort, number>();
  const entryListeners = new Set<(entry: RecordEntry) => void>();
  const clearedListeners = new Set<() => void>();

  const request = <T extends RequestWithoutId>(message: T, transfer: Transferable[] = []): Promise<ReplyValues[T['type']]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      endpoint.postMessage({ ...message, id }, transfer);
    });

  endpoint.addEventListener('message', (event) => {
    const reply = event.data as WorkerReply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new Error(reply.error));
  });

  const entries = new MessageChannel();
  const entriesPort = entries.port1 as ClosablePortLike;
  entriesPort.addEventListener('message', (event) => {
    const message = event.data as EntriesMessage;
    if (message.type === 'cleared') for (const listener of clearedListeners) listener();
    else for (const entry of JSON.parse(message.json) as RecordEntry[]) for (const listener of entryListeners) listener(entry);
  });
  entriesPort.start();
  const started = request({ type: 'start', options, entries: entries.port2 }, [entries.port2]);
  // A failed start also rejects every later request, which is where callers look.
  started.catch(() => undefined);

  const subscribe = <L>(set: Set<L>, listener: L): (() => void) => {
    set.add(listener);
    return () => set.delete(listener);
  };

  const host: BrokerHost = {
    openClientPort() {
      const channel = new MessageChannel();
      const connectorId = nextConnectorId++;
      connectorIds.set(channel.port2, connectorId);
      void request({ type: 'add-connector', connectorId, port: channel.port1 }, [channel.port1]);
      return channel.port2;
    },
    async closeClientPort(port) {
      const connectorId = connectorIds.get(port);
      if (connectorId === undefined) throw new Error('not a port opened by this broker host');
      return request({ type: 'close-connector', connectorId });
    },
    onEntry: (listener) => subscribe(entryListeners, listener),
    onCleared: (listener) => subscribe(clearedListeners, listener),
    instrument: (name, ...args) => request({ type: 'instrument', call: { name, args } as InstrumentCall }),
    advanceClock: (ms) => request({ type: 'advance-clock', ms }),
    restart: ({ keepSessions }) => request({ type: 'restart', keepSessions }),
    snapshot: () => request({ type: 'snapshot' }),
    clear: () => request({ type: 'clear' }),
    log: (level, text) => request({ type: 'log', level, text }),
    recordEvent: (event) => request({ type: 'record-event', event }),
    reset: (nextOptions) => request({ type: 'reset', options: nextOptions }),
    stopNode: (node) => request({ type: 'stop-node', node }),
    startNode: (node) => request({ type: 'start-node', node }),
    terminate() {
      terminateEndpoint();
      entriesPort.close();
      fail('the broker worker was terminated');
    },
  };

  function fail(reason: string): void {
    for (const waiting of pending.values()) waiting.reject(new Error(reason));
    pending.clear();
  }

  return { host, fail };
}
