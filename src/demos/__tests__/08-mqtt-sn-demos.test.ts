/**
 * The module 8 MQTT-SN demos, played against the real sandbox broker and its MQTT-SN gateway:
 * every datagram and packet an explanation names must cross in the step that names it, with the
 * bytes it quotes (MQTT-SN v1.2 §5.4, §6.5–§6.8, §6.14).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry, SnPacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import topicIds from '../../../exercises/08-constrained-environments/demos/mqtt-sn-topic-ids.ts';
import qosMinusOne from '../../../exercises/08-constrained-environments/demos/mqtt-sn-qos-minus-one.ts';
import sleepingClient from '../../../exercises/08-constrained-environments/demos/mqtt-sn-sleeping-client.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { eventsOf, packets, playByStep } from './play-by-step.ts';

const sn = (entries: RecordEntry[], type?: string, direction?: 'in' | 'out'): SnPacketEntry[] =>
  entries.filter((e): e is SnPacketEntry => e.kind === 'sn-packet' && (type === undefined || e.packet.type === type) && (direction === undefined || e.direction === direction));
const hex = (entry: SnPacketEntry | PacketEntry): string => Buffer.from(entry.raw, 'base64').toString('hex');
const flow = (entries: RecordEntry[]): string[] => sn(entries).map((e) => `${e.direction} ${e.packet.type}`);

describe('demo 08-constrained-environments/mqtt-sn-topic-ids', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(topicIds));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: §5.4.4 an 18-byte CONNECT datagram, the gateway\'s MQTT CONNECT under the same id, then CONNACK 03 05 00', () => {
    const [connect] = sn(step(1), 'connect', 'in');
    expect(hex(connect!)).toBe('120404010000' + Buffer.from('greenhouse-7').toString('hex'));
    expect(packets(step(1), 'connect', 'greenhouse-7', 'in')).toHaveLength(1);
    expect(sn(step(1), 'connack', 'out').map(hex)).toEqual(['030500']);
    expect(sn(step(1), 'connack')[0]!.seq).toBeGreaterThan(packets(step(1), 'connack', 'greenhouse-7', 'out')[0]!.seq);
  });

  test('step 2: §6.5 REGISTER (34 bytes, TopicId 00 00) answered by REGACK with topic id 1; nothing reaches the broker', () => {
    const [register] = sn(step(2), 'register', 'in');
    expect(hex(register!).slice(0, 12)).toBe('220a00000001');
    expect(sn(step(2), 'regack', 'out').map(hex)).toEqual(['070b0001000100']);
    expect(step(2).filter((e) => e.kind === 'packet')).toEqual([]);
  });

  test('step 3: §5.4.12 the 11-byte PUBLISH with topic id 1 becomes a 36-byte MQTT PUBLISH the dashboard receives', () => {
    expect(sn(step(3), 'publish', 'in').map(hex)).toEqual(['0b0c0000010000' + Buffer.from('21.5').toString('hex')]);
    const [toBroker] = packets(step(3), 'publish', 'greenhouse-7', 'in');
    expect(Buffer.from(toBroker!.raw, 'base64').length).toBe(36);
    expect(packets(step(3), 'publish', 'dashboard', 'out')[0]?.packet).toMatchObject({ topic: 'greenhouse/7/air/temperature' });
  });

  test('step 4: §6.6 an unknown topic id is answered PUBACK return code 02 and not forwarded', () => {
    const [puback] = sn(step(4), 'puback', 'out');
    expect(puback!.packet).toMatchObject({ topicId: 9, returnCode: 2 });
    expect(packets(step(4), 'publish')).toEqual([]);
  });
});

describe('demo 08-constrained-environments/mqtt-sn-qos-minus-one', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(qosMinusOne));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: §6.8 QoS -1 to pre-defined id 1 (09 0C 61 00 01 00 00 …) with no CONNECT; the monitor gets it at QoS 0', () => {
    expect(flow(step(1))).toEqual(['in publish']);
    expect(hex(sn(step(1), 'publish')[0]!)).toBe('090c610001000038' + '32');
    const delivered = packets(step(1), 'publish', 'monitor', 'out')[0];
    expect(delivered?.packet).toMatchObject({ topic: 'plant/tank-3/level', qos: 0 });
    expect(packets(step(1), 'connect', 'mqtt-sn-gateway-1', 'in')).toHaveLength(1);
  });

  test('step 2: §6.7 the short topic name t3 rides in the TopicId field', () => {
    expect(hex(sn(step(2), 'publish')[0]!).slice(0, 10)).toBe('090c627433');
    expect(packets(step(2), 'publish', 'monitor', 'out')[0]?.packet).toMatchObject({ topic: 't3' });
  });

  test('step 3: an unknown pre-defined id at QoS -1 is dropped: nothing is sent back or forwarded', () => {
    expect(flow(step(3))).toEqual(['in publish']);
    expect(packets(step(3), 'publish')).toEqual([]);
    expect(eventsOf(step(3), 'gateway')[0]?.reason).toMatch(/unknown pre-defined topic id 7/);
  });
});

describe('demo 08-constrained-environments/mqtt-sn-sleeping-client (virtual clock)', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(sleepingClient));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: §6.2 the will handshake precedes CONNACK; SUBACK gives topic id 1', () => {
    expect(flow(step(1))).toEqual(['in connect', 'out willtopicreq', 'in willtopic', 'out willmsgreq', 'in willmsg', 'out connack', 'in subscribe', 'out suback']);
    expect(sn(step(1), 'suback')[0]!.packet).toMatchObject({ topicId: 1, qos: 1, returnCode: 0 });
  });

  test('step 2: §6.14 DISCONNECT 04 18 01 2C is acknowledged by 02 18 and no MQTT DISCONNECT reaches the broker', () => {
    expect(sn(step(2)).map(hex)).toEqual(['0418012c', '0218']);
    expect(packets(step(2), 'disconnect')).toEqual([]);
  });

  test('step 3: the broker delivers to the gateway, which queues both and sends nothing over the radio', () => {
    expect(packets(step(3), 'publish', 'sensor-12', 'out')).toHaveLength(2);
    expect(sn(step(3))).toEqual([]);
    expect(eventsOf(step(3), 'message-queued')).toHaveLength(2);
    expect(packets(step(3), 'puback', 'sensor-12', 'in')).toEqual([]);
  });

  test('step 4: PINGREQ with the ClientId, both PUBLISHes with topic id 1, PUBACKs relayed to the broker, then PINGRESP', () => {
    expect(flow(step(4))).toEqual(['in pingreq', 'out publish', 'out publish', 'in puback', 'in puback', 'out pingresp']);
    expect(hex(sn(step(4), 'pingreq')[0]!)).toBe('0b16' + Buffer.from('sensor-12').toString('hex'));
    expect(sn(step(4), 'publish').map((e) => e.packet['topicId'])).toEqual([1, 1]);
    expect(packets(step(4), 'puback', 'sensor-12', 'in')).toHaveLength(2);
  });

  test('step 5: lost after 1.5 × 300 s of silence: the will reaches the operator', () => {
    expect(eventsOf(step(5), 'will-published')[0]).toMatchObject({ clientId: 'sensor-12', topic: 'greenhouse/sensor-12/status' });
    expect(packets(step(5), 'publish', 'operator', 'out')[0]?.packet).toMatchObject({ payload: { utf8: 'offline' } });
  });
});
