/** The sequence model over a real record: the module 1 demo played on the real broker. */
import { beforeAll, expect, test } from 'vitest';
import type { RecordEntry } from '../../../../sandbox-broker/src/record-types.ts';
import demo from '../../../../exercises/01-fundamentals/demos/qos-handshakes.ts';
import { DemoPlayer } from '../../../demos/demo-player.ts';
import { createNodeDemoBackend } from '../../../demos/node-backend.ts';
import { protocolVersionsOf } from '../model/protocol-versions.ts';
import { buildSequence, type PacketRow } from '../model/sequence-model.ts';

let entries: RecordEntry[];

beforeAll(async () => {
  const backend = createNodeDemoBackend();
  await new DemoPlayer(demo, backend).play();
  entries = backend.broker.recorder.snapshot().entries;
  await backend.close();
}, 20_000);

const packetRows = (): PacketRow[] => buildSequence(entries).rows.filter((r): r is PacketRow => r.kind === 'packet');

test('lanes are the clients in order of appearance; every packet has a row', () => {
  const model = buildSequence(entries);
  expect(model.clients).toEqual(['sensor-1', 'dashboard', 'phone']);
  expect(packetRows()).toHaveLength(entries.filter((e) => e.kind === 'packet').length);
  expect(model.types).toEqual(expect.arrayContaining(['connect', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback']));
});

test('the screen-reader sentence names sender, receiver, type, QoS, packet id and topic', () => {
  const row = packetRows().find((r) => r.entry.packet.cmd === 'publish' && r.entry.packet['qos'] === 1 && r.entry.direction === 'in')!;
  expect(row.spoken).toBe(`sensor-1 to broker: PUBLISH, QoS 1, packet id ${row.entry.packet['messageId']}, topic lab/temperature`);
  const out = packetRows().find((r) => r.entry.packet.cmd === 'connack' && r.client === 'phone')!;
  expect(out.spoken).toMatch(/^broker to phone: CONNACK/);
});

test('a QoS 2 exchange is one handshake group of four; QoS 0 packets have none', () => {
  const rows = packetRows();
  const qos2 = rows.find((r) => r.entry.packet.cmd === 'publish' && r.entry.packet['qos'] === 2 && r.client === 'sensor-1')!;
  const group = rows.filter((r) => r.group === qos2.group && r.group !== undefined);
  expect(group.map((r) => r.entry.packet.cmd)).toEqual(['publish', 'pubrec', 'pubrel', 'pubcomp']);
  expect(rows.filter((r) => r.entry.packet.cmd === 'publish' && r.entry.packet['qos'] === 0).every((r) => r.group === undefined)).toBe(true);
});

test('the PUBLISH re-sent after the reconnect joins the handshake of the unacknowledged one, marked re-sent', () => {
  const alarms = packetRows().filter((r) => r.client === 'sensor-1' && r.entry.packet['topic'] === 'lab/alarm');
  expect(alarms).toHaveLength(2);
  expect(alarms[1]!.group).toBe(alarms[0]!.group);
  expect(alarms[1]!.label).toMatch(/re-sent$/);
  const handshake = packetRows().filter((r) => r.group === alarms[0]!.group).map((r) => `${r.entry.direction} ${r.entry.packet.cmd}`);
  expect(handshake).toEqual(['in publish', 'in publish', 'out puback']);
});

test('broker events show inline: the dropped PUBACK and the cut link', () => {
  const texts = buildSequence(entries).rows.filter((r) => r.kind === 'event').map((r) => r.text);
  expect(texts).toContain('instrument (sensor-1): dropped outgoing puback');
  expect(texts).toContain('disconnected (sensor-1): link cut by instrument');
});

test('filters: by client keeps its packets and its events; by type keeps only that type', () => {
  const phone = buildSequence(entries, { client: 'phone' }).rows;
  expect(phone.every((r) => r.client === undefined || r.client === 'phone')).toBe(true);
  expect(phone.some((r) => r.kind === 'packet')).toBe(true);
  const pubrels = buildSequence(entries, { type: 'pubrel' }).rows;
  expect(pubrels.map((r) => r.kind === 'packet' && r.entry.packet.cmd)).toEqual(['pubrel', 'pubrel']);
});

test('every link\'s protocol version comes from its CONNECT', () => {
  const versions = protocolVersionsOf(entries);
  expect([...versions.values()]).toEqual([5, 5, 5, 5]);
});
