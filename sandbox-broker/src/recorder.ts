/**
 * The recorder: every packet on every link and every broker event, in order, with the broker
 * clock's time. Entries are plain data, so `snapshot()` is JSON and structured-clone safe.
 */
import { EventEmitter } from 'events';
import type { BrokerEventEntry, ConsoleEntry, RecordEntry, RunRecord } from './record-types.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'seq' | 'time'> : never;
export type NewEntry = Distribute<RecordEntry>;
export type NewEvent = Omit<BrokerEventEntry, 'seq' | 'time' | 'kind'>;

export class Recorder extends EventEmitter {
  readonly entries: RecordEntry[] = [];
  private startedAt = new Date().toISOString();
  private nextSeq = 0;

  /**
   * @param node with several broker nodes in one run (module 5): the shared record this node's
   * entries go to, each stamped with the node's name. Read and clear that record, not this one.
   */
  constructor(private readonly now: () => number, private readonly node?: { record: Recorder; name: string }) {
    super();
  }

  add(entry: NewEntry): RecordEntry {
    if (this.node) return this.node.record.add(entry.kind === 'console' ? entry : { ...entry, node: this.node.name });
    const full = { ...entry, seq: this.nextSeq++, time: this.now() } as RecordEntry;
    this.entries.push(full);
    this.emit('entry', full);
    return full;
  }

  event(event: NewEvent): void {
    this.add({ kind: 'event', ...event });
  }

  log(level: ConsoleEntry['level'], text: string): void {
    this.add({ kind: 'console', level, text });
  }

  clear(): void {
    this.entries.length = 0;
    this.nextSeq = 0;
    this.startedAt = new Date().toISOString();
  }

  snapshot(): RunRecord {
    // Entries hold only plain data; a JSON round trip makes the copy independent of later changes.
    return JSON.parse(JSON.stringify({ version: 1, startedAt: this.startedAt, entries: this.entries })) as RunRecord;
  }
}
