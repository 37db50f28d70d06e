/** Hand-built run records for check tests: a packet or event per call, numbered in order. */
import type { BrokerEventEntry, Direction, RecordEntry, RunOutcome, RunRecord } from '../../../../sandbox-broker/src/record-types.ts';

export class RecordBuilder {
  private readonly entries: RecordEntry[] = [];
  private outcome: RunOutcome | undefined;
  private peers: string[] | undefined;

  packet(linkId: number, clientId: string, direction: Direction, packet: { cmd: string; [field: string]: unknown }): this {
    this.entries.push({
      kind: 'packet', seq: this.entries.length, time: this.entries.length, direction, clientId, linkId,
      packet,
      raw: '',
    } as RecordEntry);
    return this;
  }

  event(event: BrokerEventEntry['event'], fields: Partial<BrokerEventEntry> = {}): this {
    this.entries.push({ kind: 'event', seq: this.entries.length, time: this.entries.length, event, ...fields });
    return this;
  }

  /** Stamps the last entry with a broker node, as runs with several nodes record it (module 5). */
  atNode(node: string): this {
    const last = this.entries[this.entries.length - 1];
    if (last && last.kind !== 'console') last.node = node;
    return this;
  }

  print(text: string, level: 'log' | 'info' | 'warn' | 'error' = 'log'): this {
    this.entries.push({ kind: 'console', seq: this.entries.length, time: this.entries.length, level, text });
    return this;
  }

  ended(outcome: RunOutcome): this {
    this.outcome = outcome;
    return this;
  }

  withPeers(...peers: string[]): this {
    this.peers = peers;
    return this;
  }

  build(): RunRecord {
    return {
      version: 1, startedAt: '2026-01-01T00:00:00.000Z', entries: [...this.entries],
      ...(this.outcome ? { outcome: this.outcome } : {}),
      ...(this.peers ? { peers: this.peers } : {}),
    };
  }
}

export const text = (utf8: string) => ({ base64: Buffer.from(utf8).toString('base64'), utf8 });

/** CONNECT (entry clientId `''`, as the recorder writes it) and an accepting CONNACK. */
export function connected(builder: RecordBuilder, linkId: number, clientId: string, clean = true): RecordBuilder {
  return builder
    .packet(linkId, '', 'in', { cmd: 'connect', clientId, clean, protocolVersion: 4 })
    .packet(linkId, clientId, 'out', { cmd: 'connack', returnCode: 0, sessionPresent: false });
}
