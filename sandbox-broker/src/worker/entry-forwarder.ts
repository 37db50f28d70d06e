import type { RecordEntry } from '../record-types.ts';
import type { EntriesMessage } from './protocol.ts';
import type { PortLike } from './port-like.ts';

/** A burst of traffic records many entries per tick; one message per entry would swamp the page. */
const MAX_BATCH = 512;

/** Forwards record entries to the page over the entries port, batched per macrotask. */
export class EntryForwarder {
  private pending: RecordEntry[] = [];
  private flushScheduled = false;

  private readonly port: PortLike;

  constructor(port: PortLike) {
    this.port = port;
  }

  push(entry: RecordEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= MAX_BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), 0);
    }
  }

  /** Marks where the record starts again; entries recorded before it are delivered first. */
  cleared(): void {
    this.flush();
    this.post({ type: 'cleared' });
  }

  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    this.post({ type: 'entries', json: JSON.stringify(entries) });
  }

  private post(message: EntriesMessage): void {
    this.port.postMessage(message, []);
  }
}
