/**
 * The run record's memory bound: a flood keeps the head and the newest entries, with one
 * 'entries-omitted' event in between, and the record stays ordered and gradable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { Recorder } from '../src/recorder.ts';
import type { BrokerEventEntry, RecordEntry } from '../src/record-types.ts';
import { connectClient, end, nextMessage } from './helpers.ts';

const isMarker = (e: RecordEntry): e is BrokerEventEntry => e.kind === 'event' && e.event === 'entries-omitted';

describe('recorder limits', () => {
  it('keeps the head, the newest entries and one marker counting what was left out', () => {
    const recorder = new Recorder(() => 0, { maxEntries: 100, maxBytes: 1e9 });
    for (let i = 0; i < 10_000; i++) recorder.log('log', `line ${i}`);
    const { entries, omitted } = recorder.snapshot();
    expect(entries.length).toBeLessThanOrEqual(100);
    const texts = entries.map((e) => (e.kind === 'console' ? e.text : 'marker'));
    expect(texts.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`));
    expect(texts[20]).toBe('marker');
    expect(texts.at(-1)).toBe('line 9999');
    const kept = entries.length - 1;
    expect(omitted).toBe(10_000 - kept);
    const marker = entries.find(isMarker);
    expect(marker?.detail).toMatchObject({ count: omitted });
    expect(marker?.reason).toMatch(/entries omitted/);
    // seq still increases along the record: the marker takes the number of the last entry it replaces.
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('bounds the bytes too: large payloads push out older entries', () => {
    const recorder = new Recorder(() => 0, { maxEntries: 1_000_000, maxBytes: 1_000_000 });
    const raw = 'A'.repeat(10_000); // a 7.5 KB packet, as base64
    for (let i = 0; i < 1_000; i++) recorder.add({ kind: 'packet', direction: 'in', clientId: 'c', linkId: 1, packet: { cmd: 'publish', n: i }, raw });
    const { entries, omitted } = recorder.snapshot();
    expect(omitted).toBeGreaterThan(900);
    expect(JSON.stringify(entries).length).toBeLessThan(1_000_000);
    const newest = entries.at(-1);
    expect(newest?.kind === 'packet' ? newest.packet['n'] : undefined).toBe(999);
  });

  it('a record under the limits is unchanged: no marker, no omitted field', () => {
    const recorder = new Recorder(() => 0);
    for (let i = 0; i < 1_000; i++) recorder.log('log', `line ${i}`);
    const record = recorder.snapshot();
    expect(record.entries).toHaveLength(1_000);
    expect(record.omitted).toBeUndefined();
    expect(record.entries.some(isMarker)).toBe(false);
  });

  describe('a flood through the real broker', () => {
    let broker: SandboxBroker;
    afterEach(async () => {
      await broker.close();
    });

    it('20 000 QoS 0 publishes: the CONNECTs, the SUBSCRIBE and the last message stay in the record', async () => {
      broker = createSandboxBroker({ recordLimits: { maxEntries: 2_000 } });
      const sub = await connectClient(broker, { clientId: 'sub' });
      await sub.subscribeAsync('flood/#');
      const pub = await connectClient(broker, { clientId: 'pub' });
      const last = nextMessage(sub, 'flood/end');
      for (let i = 0; i < 20_000; i++) pub.publish('flood/t', `m${i}`);
      pub.publish('flood/end', 'done');
      await last;
      await end(sub, pub);
      const { entries, omitted } = broker.recorder.snapshot();
      expect(entries.length).toBeLessThanOrEqual(2_000);
      expect(omitted).toBeGreaterThan(30_000);
      const commands = entries.filter((e) => e.kind === 'packet').map((e) => e.kind === 'packet' && `${e.direction} ${e.packet.cmd} ${e.clientId}`);
      expect(commands.slice(0, 4)).toEqual(['in connect sub', 'out connack sub', 'in subscribe sub', 'out suback sub']);
      expect(commands).toContain('in connect pub');
      const delivered = entries.filter((e) => e.kind === 'packet' && e.direction === 'out' && e.packet['topic'] === 'flood/end');
      expect(delivered).toHaveLength(1);
      expect(entries.filter(isMarker)).toHaveLength(1);
    });
  });
});
