/**
 * The recorder: every packet on every link and every broker event, in order, with the broker
 * clock's time. Entries are plain data, so `snapshot()` is JSON and structured-clone safe.
 *
 * Memory is bounded, so a learner's flood (a million publishes, megabyte payloads) cannot exhaust
 * the tab: the record keeps its head (the first entries: connections, subscriptions, the start of
 * the story) and a tail of the most recent ones, and between them one 'entries-omitted' event
 * says how many were dropped. Checks that look at how a run began and ended stay correct; only a
 * check counting every one of a flood's messages would see fewer.
 */
import { EventEmitter } from 'events';
import type { BrokerEventEntry, ConsoleEntry, RecordEntry, RunRecord } from './record-types.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'seq' | 'time'> : never;
export type NewEntry = Distribute<RecordEntry>;
export type NewEvent = Omit<BrokerEventEntry, 'seq' | 'time' | 'kind'>;

export interface RecordLimits {
  /** Most entries kept (head and tail together). */
  maxEntries: number;
  /** Rough bound on the memory the kept entries take, in bytes (estimated from their sizes). */
  maxBytes: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxEntries: 60_000, maxBytes: 96 * 1024 * 1024 };
/** Share of the limits the head may take; the rest is the tail. */
const HEAD_SHARE = 0.2;
/** The tail is trimmed in chunks (to this share of its limits), so trimming costs O(1) per entry. */
const TRIM_TO = 0.9;

/** Estimated bytes an entry occupies: its wire bytes appear about twice (raw, payload) as base64/UTF-16. */
function cost(entry: RecordEntry): number {
  if (entry.kind === 'packet' || entry.kind === 'sn-packet') return 400 + entry.raw.length * 4;
  if (entry.kind === 'console') return 100 + entry.text.length * 2;
  return 300;
}

export class Recorder extends EventEmitter {
  /** The kept entries in order: head, then the omitted-entries marker (once some were), then the tail. */
  readonly entries: RecordEntry[] = [];
  private startedAt = new Date().toISOString();
  private nextSeq = 0;
  private readonly limits: RecordLimits;
  private headCount = 0;
  private headBytes = 0;
  private headFull = false;
  private tailBytes = 0;
  private marker: BrokerEventEntry | undefined;
  private omitted = 0;

  /**
   * @param limits bounds on the kept entries (DEFAULT_RECORD_LIMITS where absent).
   * @param node with several broker nodes in one run (module 5): the shared record this node's
   * entries go to, each stamped with the node's name. Read and clear that record, not this one.
   */
  constructor(
    private readonly now: () => number,
    limits: Partial<RecordLimits> = {},
    private readonly node?: { record: Recorder; name: string },
  ) {
    super();
    this.limits = { ...DEFAULT_RECORD_LIMITS, ...limits };
  }

  add(entry: NewEntry): RecordEntry {
    if (this.node) return this.node.record.add(entry.kind === 'console' ? entry : { ...entry, node: this.node.name });
    const full = { ...entry, seq: this.nextSeq++, time: this.now() } as RecordEntry;
    this.keep(full);
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
    this.headCount = 0;
    this.headBytes = 0;
    this.headFull = false;
    this.tailBytes = 0;
    this.marker = undefined;
    this.omitted = 0;
  }

  /** How many entries were left out of the record so far. */
  get omittedCount(): number {
    return this.omitted;
  }

  snapshot(): RunRecord {
    // Entries hold only plain data; a JSON round trip makes the copy independent of later changes.
    const record: RunRecord = { version: 1, startedAt: this.startedAt, entries: this.entries };
    if (this.omitted > 0) record.omitted = this.omitted;
    return JSON.parse(JSON.stringify(record)) as RunRecord;
  }

  private keep(entry: RecordEntry): void {
    const size = cost(entry);
    const { maxEntries, maxBytes } = this.limits;
    if (!this.headFull && this.headCount + 1 <= maxEntries * HEAD_SHARE && this.headBytes + size <= maxBytes * HEAD_SHARE) {
      this.entries.push(entry);
      this.headCount++;
      this.headBytes += size;
      return;
    }
    this.headFull = true;
    this.entries.push(entry);
    this.tailBytes += size;
    const tailStart = this.headCount + (this.marker ? 1 : 0);
    const tailMaxEntries = maxEntries - this.headCount - 1;
    const tailMaxBytes = maxBytes - this.headBytes;
    if (this.entries.length - tailStart > tailMaxEntries || this.tailBytes > tailMaxBytes) this.trim(tailStart, tailMaxEntries * TRIM_TO, tailMaxBytes * TRIM_TO);
  }

  /** Drops the oldest tail entries until the tail fits the given bounds (always keeping the newest entry). */
  private trim(tailStart: number, maxCount: number, maxBytes: number): void {
    let end = tailStart;
    let count = this.entries.length - tailStart;
    while (count > 1 && (count > maxCount || this.tailBytes > maxBytes)) {
      this.tailBytes -= cost(this.entries[end] as RecordEntry);
      end++;
      count--;
    }
    const dropped = this.entries.splice(tailStart, end - tailStart);
    const last = dropped[dropped.length - 1];
    if (!last) return;
    this.omitted += dropped.length;
    const marker: BrokerEventEntry = {
      kind: 'event',
      event: 'entries-omitted',
      // The marker takes the place, number and time of the last entry it stands for.
      seq: last.seq,
      time: last.time,
      reason: `${this.omitted} entries omitted to bound memory: the record keeps its first ${this.headCount} entries and the most recent ones`,
      detail: { count: this.omitted, firstSeq: this.headCount, lastSeq: last.seq },
    };
    if (this.marker) this.entries[this.headCount] = marker;
    else this.entries.splice(this.headCount, 0, marker);
    this.marker = marker;
  }
}
