/**
 * MQTT-SN in the packet view, over a real record: the sleeping-client demo played on the real
 * broker and gateway. Datagrams get their own lanes right of a gateway lane, readable labels and
 * a field-by-field annotation of their bytes (MQTT-SN v1.2 §5.2–§5.4).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { RecordEntry, SnPacketEntry } from '../../../../sandbox-broker/src/record-types.ts';
import demo from '../../../../exercises/08-constrained-environments/demos/mqtt-sn-sleeping-client.ts';
import { DemoPlayer } from '../../../demos/demo-player.ts';
import { createNodeDemoBackend } from '../../../demos/node-backend.ts';
import { annotateSnBytes } from '../annotate-sn-bytes.ts';
import { buildSequence, type SnPacketRow } from '../model/sequence-model.ts';

let entries: RecordEntry[];

beforeAll(async () => {
  const backend = createNodeDemoBackend(demo.brokerOptions);
  await new DemoPlayer(demo, backend).play();
  entries = backend.broker.recorder.snapshot().entries;
  await backend.close();
}, 20_000);

const snRows = (): SnPacketRow[] => buildSequence(entries).rows.filter((r): r is SnPacketRow => r.kind === 'sn-packet');
const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));

describe('sequence model', () => {
  test('MQTT clients keep their lanes; the MQTT-SN client gets its own lane, one row per datagram', () => {
    const model = buildSequence(entries);
    expect(model.clients).toEqual(['operator', 'sensor-12']);
    expect(model.snClients).toEqual(['sensor-12 (MQTT-SN)']);
    expect(snRows()).toHaveLength(entries.filter((e) => e.kind === 'sn-packet').length);
    expect(model.types).toEqual(expect.arrayContaining(['sn:connect', 'sn:pingreq', 'connect', 'publish']));
  });

  test('labels name the message and its fields; the sentence says who sent it to whom', () => {
    const sleep = snRows().find((r) => r.entry.packet.type === 'disconnect' && r.entry.direction === 'in')!;
    expect(sleep.label).toBe('SN DISCONNECT · sleep 300 s');
    expect(sleep.spoken).toBe('sensor-12 (MQTT-SN) to gateway: MQTT-SN DISCONNECT, sleep 300 s');
    const wake = snRows().find((r) => r.entry.packet.type === 'pingreq')!;
    expect(wake.label).toBe('SN PINGREQ · client id sensor-12 (waking)');
  });

  test('a QoS 1 delivery and its PUBACK share a handshake group', () => {
    const rows = snRows();
    const publish = rows.find((r) => r.entry.packet.type === 'publish' && r.entry.direction === 'out')!;
    expect(publish.group).toBeDefined();
    const group = rows.filter((r) => r.group === publish.group).map((r) => `${r.entry.direction} ${r.entry.packet.type}`);
    expect(group).toEqual(['out publish', 'in puback']);
  });

  test('filters: by MQTT-SN type, and by the MQTT-SN lane', () => {
    expect(buildSequence(entries, { type: 'sn:pingreq' }).rows.map((r) => r.kind)).toEqual(['sn-packet']);
    const lane = buildSequence(entries, { client: 'sensor-12 (MQTT-SN)' }).rows;
    expect(lane.filter((r) => r.kind !== 'event').every((r) => r.kind === 'sn-packet')).toBe(true);
  });
});

describe('annotateSnBytes', () => {
  test('§5.4.12 PUBLISH: Length, MsgType, Flags, TopicId, MsgId, Data — every byte once, in order', () => {
    const ranges = annotateSnBytes(bytes('0b0c2000010002' + '32312e35'));
    expect(ranges.map((r) => r.label)).toEqual([
      'Length: 11 octets, the whole message including this octet',
      'MsgType 0x0C: PUBLISH',
      'Flags 0x20: DUP 0, QoS 1, Retain 0, TopicIdType 0b00 (normal topic id)',
      'TopicId: 1',
      'MsgId (0x0000 at QoS 0 and -1): 2',
      'Data: "21.5"',
    ]);
    expect(ranges.map((r) => [r.start, r.end])).toEqual([[0, 1], [1, 2], [2, 3], [3, 5], [5, 7], [7, 11]]);
  });

  test('QoS -1 flags, a short topic name, the three-octet Length and a truncated datagram', () => {
    expect(annotateSnBytes(bytes('090c6274330000' + '6f6b'))[2]?.label).toBe('Flags 0x62: DUP 0, QoS -1 (bits 0b11), Retain 0, TopicIdType 0b10 (short topic name)');
    expect(annotateSnBytes(bytes('090c6274330000' + '6f6b'))[3]?.label).toBe('TopicId holds a short topic name: "t3"');
    expect(annotateSnBytes(bytes('0100040217'))[0]?.label).toMatch(/three-octet form/);
    const cut = annotateSnBytes(bytes('07 0d 00'.replaceAll(' ', '')));
    expect(cut.at(-1)).toMatchObject({ part: 'unparsed' });
  });

  test('every datagram of the record annotates without an unparsed byte', () => {
    for (const entry of entries.filter((e): e is SnPacketEntry => e.kind === 'sn-packet')) {
      const raw = Uint8Array.from(Buffer.from(entry.raw, 'base64'));
      const ranges = annotateSnBytes(raw);
      expect(ranges.some((r) => r.part === 'unparsed'), entry.packet.type).toBe(false);
      expect(ranges.at(-1)?.end).toBe(raw.length);
    }
  });

  test('random bytes never make it throw, and every byte is covered once, in order (seeded)', () => {
    let state = 11;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let i = 0; i < 3000; i++) {
      const raw = Uint8Array.from({ length: 1 + Math.floor(next() * 30) }, () => Math.floor(next() * 256));
      if (i % 2 === 0) raw[1] = Math.floor(next() * 0x1e);
      const ranges = annotateSnBytes(raw);
      let at = 0;
      for (const range of ranges) {
        expect(range.start).toBe(at);
        at = range.end;
      }
      expect(at).toBe(raw.length);
    }
  });
});
