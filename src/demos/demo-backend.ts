/** What the demo runtime needs from a sandbox broker, wherever it runs (page worker or Node). */
import type { Duplex } from 'readable-stream';
import type { SandboxBrokerOptions } from '../../sandbox-broker/src/index.ts';
import type { RecordEntry } from '../../sandbox-broker/src/record-types.ts';
import type { InstrumentName } from '../../sandbox-broker/src/worker/protocol.ts';

export interface DemoBackend {
  /** Opens a fresh link per call: MQTT.js calls it on every (re)connect. `node`: in a run with several nodes (module 5). */
  openLink(node?: string): Duplex;
  /** Stops a node of a run with several (`brokerOptions.nodes`) like a crash; `startNode` starts it again. */
  stopNode(node: string): Promise<void>;
  startNode(node: string): Promise<void>;
  instrument(name: InstrumentName, args: unknown[]): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  restart(options: { keepSessions: boolean }): Promise<void>;
  /** Live record entries; returns the unsubscribe function. */
  onEntry(listener: (entry: RecordEntry) => void): () => void;
  /** A fresh broker and an empty record (every link drops). */
  reset(options: SandboxBrokerOptions): Promise<void>;
  close(): Promise<void>;
}
