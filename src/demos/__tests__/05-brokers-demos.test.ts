/**
 * The module 5 demo, played against the real sandbox broker with real MQTT.js clients: every
 * limit its explanations talk about must be announced, or enforced, in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import limitsDemo from '../../../exercises/05-brokers/demos/connack-limits.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { playByStep } from './play-by-step.ts';

const backends: NodeDemoBackend[] = [];
let steps: RecordEntry[][] = [];

beforeAll(async () => {
  steps = (await playByStep(limitsDemo, { backends })).steps;
}, 30_000);

afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const packets = (entries: RecordEntry[] | undefined, cmd: string, clientId?: string, direction?: 'in' | 'out'): PacketEntry[] =>
  (entries ?? []).filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && (clientId === undefined || e.clientId === clientId) && (direction === undefined || e.direction === direction));

describe('demo 05-brokers/connack-limits on the real broker', () => {
  test('step 1: 5.0 §3.2.2.3 CONNACK announces Maximum QoS 1, Retain Available 0, Maximum Packet Size 2048 and Server Keep Alive 60 to a client asking for 300 s', () => {
    const [connect] = packets(steps[0], 'connect', 'careless', 'in');
    expect(connect!.packet['keepalive']).toBe(300);
    const [connack] = packets(steps[0], 'connack', 'careless', 'out');
    expect(connack!.packet['reasonCode']).toBe(0);
    expect(connack!.packet['properties']).toMatchObject({ maximumQoS: 1, retainAvailable: false, maximumPacketSize: 2048, serverKeepAlive: 60 });
  });

  test('step 2: 5.0 §3.2.2.3.4 a SUBSCRIBE asking QoS 2 is accepted and granted QoS 1', () => {
    expect(packets(steps[1], 'suback', 'careless', 'out')[0]!.packet['granted']).toEqual([1]);
    expect(packets(steps[1], 'disconnect')).toEqual([]);
  });

  test('step 3: 5.0 [MQTT-3.2.2-11] a QoS 2 PUBLISH above Maximum QoS gets DISCONNECT 0x9B, no PUBREC', () => {
    expect(packets(steps[2], 'publish', 'careless', 'in').map((p) => p.packet['qos'])).toEqual([2]);
    expect(packets(steps[2], 'pubrec')).toEqual([]);
    expect(packets(steps[2], 'disconnect', 'careless', 'out').map((p) => p.packet['reasonCode'])).toEqual([0x9b]);
  });

  test('step 4: 5.0 [MQTT-3.2.2-14] RETAIN gets DISCONNECT 0x9A; 5.0 §3.2.2.3.6 a packet over 2048 bytes gets DISCONNECT 0x95', () => {
    expect(packets(steps[3], 'disconnect', 'keeper', 'out').map((p) => p.packet['reasonCode'])).toEqual([0x9a]);
    expect(packets(steps[3], 'disconnect', 'bulky', 'out').map((p) => p.packet['reasonCode'])).toEqual([0x95]);
    expect(packets(steps[3], 'puback')).toEqual([]);
  });
});
