/**
 * The module 8 demos, played against the real sandbox broker with real MQTT.js clients: every
 * packet their explanations talk about must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import bytesPerReading from '../../../exercises/08-constrained-environments/demos/bytes-per-reading.ts';
import keepAliveWatchdog from '../../../exercises/08-constrained-environments/demos/keep-alive-watchdog.ts';
import sleepCycle from '../../../exercises/08-constrained-environments/demos/sleep-cycle.ts';
import smallDeviceLimits from '../../../exercises/08-constrained-environments/demos/small-device-limits.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { packets, eventsOf, playByStep } from './play-by-step.ts';


const rawHex = (entry: PacketEntry): string => Buffer.from(entry.raw, 'base64').toString('hex');

describe('demo 08-constrained-environments/keep-alive-watchdog on the real broker (virtual clock)', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(keepAliveWatchdog));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: the meter\'s CONNECT carries Keep Alive 60 (bytes 00 3C) and a will', () => {
    const [connect] = packets(step(1), 'connect', 'meter-9', 'in');
    expect(connect!.packet).toMatchObject({ keepalive: 60, will: { topic: 'meters/meter-9/status' } });
    // 5.0 CONNECT variable header: length 00 04, "MQTT", level 05, flags, then Keep Alive.
    expect(rawHex(connect!)).toContain('00044d515454' + '05');
    expect(rawHex(connect!).split('00044d51545405')[1]!.slice(2, 6)).toBe('003c');
  });

  test('step 2: 3.1.1 [MQTT-3.1.2-23] / 5.0 §3.1.2.10 a PINGREQ (C0 00) is answered by a PINGRESP (D0 00) and nothing closes at 80 s', () => {
    expect(packets(step(2), 'pingreq', 'meter-9', 'in').map(rawHex)).toEqual(['c000']);
    expect(packets(step(2), 'pingresp', 'meter-9', 'out').map(rawHex)).toEqual(['d000']);
    expect(packets(step(2), 'disconnect')).toEqual([]);
  });

  test('step 3: 89 s of silence after the PINGREQ: no packet crosses and no will is published', () => {
    expect(step(3).filter((e) => e.kind === 'packet')).toEqual([]);
    expect(eventsOf(step(3), 'will-published')).toEqual([]);
  });

  test('step 4: 3.1.1 [MQTT-3.1.2-24] / 5.0 §3.1.2.10 at 1.5 × Keep Alive the broker disconnects with 0x8D and publishes the will', () => {
    const [disconnect] = packets(step(4), 'disconnect', 'meter-9', 'out');
    expect(disconnect!.packet['reasonCode']).toBe(0x8d);
    expect(eventsOf(step(4), 'will-published')).toHaveLength(1);
    const delivered = packets(step(4), 'publish', 'monitor', 'out');
    expect(delivered.map((e) => [e.packet['topic'], (e.packet['payload'] as { utf8?: string }).utf8])).toEqual([['meters/meter-9/status', 'lost']]);
  });
});

describe('demo 08-constrained-environments/bytes-per-reading on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  const sizes = (entries: PacketEntry[]): number[] => entries.map((e) => Buffer.from(e.raw, 'base64').length);

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(bytesPerReading));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: JSON on the 49-byte topic at QoS 0 is an 88-byte PUBLISH with Remaining Length 86 (30 56)', () => {
    const publishes = packets(step(1), 'publish', 'sensor-42', 'in');
    expect(sizes(publishes)).toEqual([88]);
    expect(rawHex(publishes[0]!).slice(0, 4)).toBe('3056');
  });

  test('step 2: the 4-byte binary payload makes a 58-byte PUBLISH', () => {
    expect(sizes(packets(step(2), 'publish', 'sensor-42', 'in'))).toEqual([58]);
  });

  test('step 3: 3.1.1 §4.3.2 / §4.3.3 QoS 1 adds a packet identifier and a PUBACK; QoS 2 adds PUBREC, PUBREL and PUBCOMP', () => {
    expect(sizes(packets(step(3), 'publish', 'sensor-42', 'in'))).toEqual([60, 60]);
    expect(packets(step(3), 'puback', 'sensor-42', 'out')).toHaveLength(1);
    expect(packets(step(3), 'pubrec', 'sensor-42', 'out')).toHaveLength(1);
    expect(packets(step(3), 'pubrel', 'sensor-42', 'in')).toHaveLength(1);
    expect(packets(step(3), 'pubcomp', 'sensor-42', 'out')).toHaveLength(1);
    // 5.0 §3.4.2.1: Reason Code 0x00 and an empty Property Length may be omitted (4 bytes) or written (6 bytes).
    expect(['puback', 'pubrec', 'pubrel', 'pubcomp'].map((cmd) => sizes(packets(step(3), cmd, 'sensor-42'))[0])).toEqual([6, 6, 6, 4]);
  });

  test('step 4: 5.0 §3.3.2.3.4 the alias is set with the topic (61 bytes), then replaces it (12 bytes), and is accepted', () => {
    const publishes = packets(step(4), 'publish', 'sensor-42', 'in');
    expect(sizes(publishes)).toEqual([61, 12]);
    expect(publishes.map((e) => e.packet['topic'])).toEqual(['factory/building-7/line-3/sensor-0042/temperature', '']);
    expect(packets(step(4), 'disconnect')).toEqual([]);
  });

  test('step 5: with autoAssignTopicAlias MQTT.js sends the topic with alias 1 once, then the alias alone', () => {
    const publishes = packets(step(5), 'publish', 'sensor-43', 'in');
    expect(sizes(publishes)).toEqual([61, 12]);
    expect(publishes.map((e) => (e.packet['properties'] as { topicAlias?: number } | undefined)?.topicAlias)).toEqual([1, 1]);
    expect(publishes.map((e) => e.packet['topic'])).toEqual(['factory/building-7/line-3/sensor-0042/temperature', '']);
  });
});

describe('demo 08-constrained-environments/sleep-cycle on the real broker (virtual clock)', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  const connack = (n: number) => packets(step(n), 'connack', 'meter-9', 'out')[0]?.packet;
  const commandsTo = (n: number) => packets(step(n), 'publish', 'meter-9', 'out').map((e) => (e.packet['payload'] as { utf8?: string }).utf8);

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(sleepCycle));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.1.2.4 Clean Start 0, Session Expiry 3600 and Keep Alive 540; Session Present 0, so the meter subscribes, then DISCONNECTs', () => {
    const [connect] = packets(step(1), 'connect', 'meter-9', 'in');
    expect(connect!.packet).toMatchObject({ clean: false, keepalive: 540, properties: { sessionExpiryInterval: 3600 } });
    expect(connack(1)).toMatchObject({ sessionPresent: false });
    expect(packets(step(1), 'subscribe', 'meter-9', 'in')).toHaveLength(1);
    expect(packets(step(1), 'disconnect', 'meter-9', 'in')).toHaveLength(1);
  });

  test('step 2: 3.1.1 [MQTT-3.1.2-5] after 15 virtual minutes the QoS 1 command is accepted while the meter sleeps, and nothing is sent to it', () => {
    expect(eventsOf(step(2), 'clock-advanced')).toHaveLength(1);
    expect(packets(step(2), 'puback', 'operator', 'out')).toHaveLength(1);
    expect(step(2).filter((e) => e.kind === 'packet' && e.clientId === 'meter-9')).toEqual([]);
    expect(eventsOf(step(2), 'session-expired')).toEqual([]);
  });

  test('step 3: 3.1.1 [MQTT-3.2.2-2] Session Present 1, the queued command follows the CONNACK and is acknowledged; no new SUBSCRIBE', () => {
    expect(connack(3)).toMatchObject({ sessionPresent: true });
    expect(commandsTo(3)).toEqual(['interval=900']);
    const [delivered] = packets(step(3), 'publish', 'meter-9', 'out');
    expect(delivered!.packet['qos']).toBe(1);
    expect(packets(step(3), 'puback', 'meter-9', 'in').map((e) => e.packet['messageId'])).toContain(delivered!.packet['messageId']);
    expect(packets(step(3), 'subscribe', 'meter-9', 'in')).toEqual([]);
  });

  test('step 4: 5.0 §3.1.2.11.2 the session expires an hour after the DISCONNECT, so the second command reaches nobody', () => {
    expect(eventsOf(step(4), 'session-expired').map((e) => e.clientId)).toEqual(['meter-9']);
  });

  test('step 5: 5.0 §3.2.2.1.1 Session Present 0, the meter subscribes again and `calibrate` never arrives', () => {
    expect(connack(5)).toMatchObject({ sessionPresent: false });
    expect(commandsTo(5)).toEqual([]);
    expect(packets(step(5), 'subscribe', 'meter-9', 'in')).toHaveLength(1);
  });
});

describe('demo 08-constrained-environments/small-device-limits on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(smallDeviceLimits));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: the device\'s CONNECT carries Maximum Packet Size 128 and Receive Maximum 1; the broker\'s CONNACK its own 1024', () => {
    const [connect] = packets(step(1), 'connect', 'tiny-node', 'in');
    expect(connect!.packet['properties']).toMatchObject({ maximumPacketSize: 128, receiveMaximum: 1 });
    expect(packets(step(1), 'connack', 'tiny-node', 'out')[0]!.packet['properties']).toMatchObject({ maximumPacketSize: 1024 });
  });

  test('step 2: 5.0 [MQTT-3.1.2-24] [MQTT-3.1.2-25] the 300-byte message is discarded for the device, acknowledged to the sender; the command is delivered', () => {
    const delivered = packets(step(2), 'publish', 'tiny-node', 'out');
    expect(delivered.map((e) => e.packet['topic'])).toEqual(['devices/tiny-node/cmd']);
    expect(delivered.every((e) => Buffer.from(e.raw, 'base64').length <= 128)).toBe(true);
    expect(eventsOf(step(2), 'message-dropped').map((e) => [e.clientId, e.topic])).toEqual([['tiny-node', 'devices/tiny-node/config']]);
    expect(packets(step(2), 'puback', 'backend', 'out')).toHaveLength(2);
  });

  test('step 3: 5.0 [MQTT-3.3.4-9] with Receive Maximum 1 the broker never has two unacknowledged PUBLISHes out to the device', () => {
    const flow = step(3).filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'tiny-node').map((e) => e.packet.cmd);
    expect(flow).toEqual(['publish', 'puback', 'publish', 'puback', 'publish', 'puback']);
  });

  test('step 4: 5.0 [MQTT-3.2.2-15] a packet above the broker\'s Maximum Packet Size ends the connection with DISCONNECT 0x95', () => {
    expect(packets(step(4), 'disconnect', 'uploader', 'out').map((e) => e.packet['reasonCode'])).toEqual([0x95]);
    expect(packets(step(4), 'publish', 'tiny-node', 'out')).toEqual([]);
  });
});
