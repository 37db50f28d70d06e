/**
 * The module 1 QoS demo, played against the real sandbox broker with real MQTT.js clients: every
 * packet its explanations talk about must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrokerEventEntry, PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import demo from '../../../exercises/01-fundamentals/demos/qos-handshakes.ts';
import { DemoPlayer } from '../demo-player.ts';
import { createNodeDemoBackend, type NodeDemoBackend } from '../node-backend.ts';

let backend: NodeDemoBackend;
/** The record entries of each step, in step order. */
const byStep: RecordEntry[][] = [];

beforeAll(async () => {
  backend = createNodeDemoBackend(demo.brokerOptions);
  const player = new DemoPlayer(demo, backend);
  for (let index = 0; index < demo.steps.length; index++) {
    const before = backend.broker.recorder.entries.length;
    await player.step();
    expect(player.snapshot.error).toBeUndefined();
    byStep.push(backend.broker.recorder.entries.slice(before));
  }
  expect(player.snapshot.status).toBe('finished');
}, 20_000);

afterAll(() => backend.close());

const packets = (entries: RecordEntry[], cmd: string, clientId?: string, direction?: 'in' | 'out'): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && (clientId === undefined || e.clientId === clientId) && (direction === undefined || e.direction === direction));
const eventsOf = (entries: RecordEntry[], event: string): BrokerEventEntry[] =>
  entries.filter((e): e is BrokerEventEntry => e.kind === 'event' && e.event === event);
const step = (n: number): RecordEntry[] => byStep[n - 1] ?? [];

describe('demo 01-fundamentals/qos-handshakes on the real broker', () => {
  test('step 1: three clients CONNECT and get CONNACK; SUBACKs grant QoS 1, 2 and 0', () => {
    expect(packets(step(1), 'connect', undefined, 'in').map((p) => p.packet['clientId'])).toEqual(['sensor-1', 'dashboard', 'phone']);
    expect(packets(step(1), 'connack', undefined, 'out')).toHaveLength(3);
    expect(packets(step(1), 'connect', 'sensor-1')[0]!.packet).toMatchObject({ clean: false, properties: { sessionExpiryInterval: 300 } });
    expect(packets(step(1), 'suback', 'sensor-1')[0]!.packet['granted']).toEqual([1]);
    expect(packets(step(1), 'suback', 'dashboard')[0]!.packet['granted']).toEqual([2]);
    expect(packets(step(1), 'suback', 'phone')[0]!.packet['granted']).toEqual([0]);
  });

  test('step 2: 3.1.1 §4.3.1 / 5.0 §4.3.1 a QoS 0 PUBLISH has no packet id and nothing acknowledges it', () => {
    const [publish] = packets(step(2), 'publish', 'sensor-1', 'in');
    expect(publish!.packet).toMatchObject({ qos: 0, topic: 'lab/temperature' });
    expect(publish!.packet['messageId']).toBeUndefined();
    expect(packets(step(2), 'publish', 'dashboard', 'out')[0]!.packet['qos']).toBe(0);
    expect(packets(step(2), 'publish', 'phone', 'out')[0]!.packet['qos']).toBe(0);
    expect(step(2).filter((e) => e.kind === 'packet' && /^pub(ack|rec|rel|comp)$/.test(e.packet.cmd))).toEqual([]);
  });

  test('step 3: 5.0 §4.3.2 QoS 1 PUBLISH answered by PUBACK with the same id; delivered at min(published, subscribed) QoS', () => {
    const [publish] = packets(step(3), 'publish', 'sensor-1', 'in');
    expect(publish!.packet['qos']).toBe(1);
    expect(packets(step(3), 'puback', 'sensor-1', 'out')[0]!.packet['messageId']).toBe(publish!.packet['messageId']);
    const [toDashboard] = packets(step(3), 'publish', 'dashboard', 'out');
    expect(toDashboard!.packet['qos']).toBe(1);
    expect(packets(step(3), 'puback', 'dashboard', 'in')[0]!.packet['messageId']).toBe(toDashboard!.packet['messageId']);
    expect(packets(step(3), 'publish', 'phone', 'out')[0]!.packet['qos']).toBe(0);
  });

  test('step 4: 5.0 §4.3.3 QoS 2 is PUBLISH, PUBREC, PUBREL, PUBCOMP on one id; the broker delivers before its PUBREC', () => {
    const sensorFlow = step(4).filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'sensor-1');
    expect(sensorFlow.map((p) => `${p.direction} ${p.packet.cmd}`)).toEqual(['in publish', 'out pubrec', 'in pubrel', 'out pubcomp']);
    expect(new Set(sensorFlow.map((p) => p.packet['messageId'])).size).toBe(1);
    const dashboardFlow = step(4).filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'dashboard');
    expect(dashboardFlow.map((p) => `${p.direction} ${p.packet.cmd}`)).toEqual(['out publish', 'in pubrec', 'out pubrel', 'in pubcomp']);
    expect(dashboardFlow[0]!.packet['qos']).toBe(2);
    expect(dashboardFlow[0]!.seq).toBeLessThan(sensorFlow[1]!.seq);
    expect(packets(step(4), 'publish', 'phone', 'out')[0]!.packet['qos']).toBe(0);
  });

  test('step 5: the broker delivers the QoS 1 message, its PUBACK to sensor-1 is dropped and recorded as such', () => {
    const [publish] = packets(step(5), 'publish', 'sensor-1', 'in');
    expect(publish!.packet).toMatchObject({ qos: 1, topic: 'lab/alarm' });
    expect(packets(step(5), 'puback', 'sensor-1')).toEqual([]);
    expect(eventsOf(step(5), 'instrument').map((e) => e.reason)).toContain('dropped outgoing puback');
    expect(packets(step(5), 'publish', 'dashboard', 'out')[0]!.packet['topic']).toBe('lab/alarm');
    expect(packets(step(5), 'publish', 'phone', 'out')[0]!.packet['topic']).toBe('lab/alarm');
  });

  test('step 6: 5.0 §4.4 after the cut, a reconnect with session present and the same PUBLISH re-sent with its original packet id', () => {
    expect(eventsOf(step(6), 'client-disconnected')[0]).toMatchObject({ clientId: 'sensor-1', reason: 'link cut by instrument' });
    expect(packets(step(6), 'connect', 'sensor-1', 'in')[0]!.packet['clean']).toBe(false);
    expect(packets(step(6), 'connack', 'sensor-1', 'out')[0]!.packet['sessionPresent']).toBe(true);
    const original = packets(step(5), 'publish', 'sensor-1', 'in')[0]!;
    const [again] = packets(step(6), 'publish', 'sensor-1', 'in');
    expect(again!.packet).toMatchObject({ topic: 'lab/alarm', qos: 1, messageId: original.packet['messageId'] });
    expect(again!.linkId).not.toBe(original.linkId);
    expect(packets(step(6), 'puback', 'sensor-1', 'out')[0]!.packet['messageId']).toBe(original.packet['messageId']);
  });

  test('step 6: MQTT.js 5.16 re-sends without DUP (against 3.1.1 [MQTT-3.3.1-1]), first byte 0x32 — as the explanation says', () => {
    // If MQTT.js starts setting DUP, this fails and the step's explanation must be rewritten.
    const [again] = packets(step(6), 'publish', 'sensor-1', 'in');
    expect(again!.packet['dup']).toBe(false);
    expect(atob(again!.raw).charCodeAt(0)).toBe(0x32);
    expect(demo.steps[5]!.explain).toContain('`0x32`, DUP = 0');
  });

  test('step 6: 3.1.1 [MQTT-4.3.2-2] the re-sent message is a new publication: subscribers receive it a second time', () => {
    const alarms = (clientId: string): number => [...step(5), ...step(6)].filter((e) => e.kind === 'packet' && e.direction === 'out' && e.clientId === clientId && e.packet.cmd === 'publish' && e.packet['topic'] === 'lab/alarm').length;
    expect(alarms('dashboard')).toBe(2);
    expect(alarms('phone')).toBe(2);
  });
});
