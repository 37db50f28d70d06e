/**
 * Module 1's demos played against the real sandbox broker with real MQTT.js clients: every packet
 * an explanation talks about must cross the wire in the step that explains it, and nothing it
 * says is absent may appear. (qos-handshakes has its own file, qos-handshakes-demo.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import fanOut from '../../../exercises/01-fundamentals/demos/fan-out.ts';
import packetTour, { LONG_PAYLOAD } from '../../../exercises/01-fundamentals/demos/packet-tour.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { packets, playByStep } from './play-by-step.ts';


const payloadOf = (entry: PacketEntry): string | undefined => (entry.packet['payload'] as { utf8?: string } | undefined)?.utf8;
/** "topic=payload" of every PUBLISH the broker sent to a client. */
const deliveriesTo = (entries: RecordEntry[], clientId: string): string[] =>
  packets(entries, 'publish', clientId, 'out').map((p) => `${String(p.packet['topic'])}=${payloadOf(p) ?? ''}`);

describe('demo 01-fundamentals/fan-out on the real broker', () => {
  let backend: NodeDemoBackend;
  let steps: RecordEntry[][];
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ backend, steps } = await playByStep(fanOut));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: three subscriptions granted at QoS 1; archive connects with Clean Start 0 and a session expiry, then DISCONNECTs', () => {
    for (const [client, filter] of [['dashboard', 'home/+/temperature'], ['logger', 'home/#'], ['archive', 'home/#']] as const) {
      expect(packets(step(1), 'subscribe', client, 'in')[0]!.packet['subscriptions']).toMatchObject([{ topic: filter, qos: 1 }]);
      expect(packets(step(1), 'suback', client, 'out')[0]!.packet['granted']).toEqual([1]);
    }
    expect(packets(step(1), 'connect', undefined, 'in').map((p) => p.packet['clientId'])).toEqual(['dashboard', 'logger', 'archive']);
    expect(packets(step(1), 'connect', undefined, 'in')[2]!.packet).toMatchObject({ clean: false, properties: { sessionExpiryInterval: 3600 } });
    expect(packets(step(1), 'disconnect', 'archive', 'in')).toHaveLength(1);
  });

  test('step 2: 3.1.1 §3.3.5 one PUBLISH in, one copy to each connected matching subscriber, each acknowledged on its own hop', () => {
    const sent = packets(step(2), 'publish', 'sensor', 'in');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.packet).toMatchObject({ topic: 'home/kitchen/temperature', qos: 1 });
    expect(deliveriesTo(step(2), 'dashboard')).toEqual(['home/kitchen/temperature=21.5']);
    expect(deliveriesTo(step(2), 'logger')).toEqual(['home/kitchen/temperature=21.5']);
    expect(packets(step(2), 'puback', 'dashboard', 'in')).toHaveLength(1);
    expect(packets(step(2), 'puback', 'logger', 'in')).toHaveLength(1);
    expect(packets(step(2), 'puback', 'sensor', 'out')[0]!.packet['messageId']).toBe(sent[0]!.packet['messageId']);
  });

  test('step 2: the offline archive gets no packet while it is away', () => {
    expect(step(2).filter((e) => e.kind === 'packet' && e.clientId === 'archive')).toEqual([]);
  });

  test('step 3: 3.1.1 §4.7 only matching filters get a copy; a PUBLISH nobody matches is still PUBACKed', () => {
    expect(deliveriesTo(step(3), 'dashboard')).toEqual([]);
    expect(deliveriesTo(step(3), 'logger')).toEqual(['home/kitchen/humidity=48']);
    const printer = packets(step(3), 'publish', 'sensor', 'in').find((p) => p.packet['topic'] === 'office/printer/status')!;
    expect(step(3).filter((e) => e.kind === 'packet' && e.direction === 'out' && e.packet.cmd === 'publish' && e.packet['topic'] === 'office/printer/status')).toEqual([]);
    const printerAck = packets(step(3), 'puback', 'sensor', 'out').find((p) => p.packet['messageId'] === printer.packet['messageId'])!;
    // "the same PUBACK as before": 5.0 would allow 0x10 No matching subscribers here (5.0 §3.4.2.1); this broker sends Success.
    const temperatureAck = packets(step(2), 'puback', 'sensor', 'out')[0]!;
    expect(printerAck.packet['reasonCode'] ?? 0).toBe(temperatureAck.packet['reasonCode'] ?? 0);
    expect(atob(printerAck.raw).length).toBe(atob(temperatureAck.raw).length);
  });

  test('step 4: 5.0 §3.2.2.1.1 / §4.1 archive reconnects after sensor left: session present, both stored messages in publish order', () => {
    const sensorGone = packets(step(4), 'disconnect', 'sensor', 'in')[0]!;
    const reconnect = packets(step(4), 'connect', undefined, 'in').find((p) => p.packet['clientId'] === 'archive')!;
    expect(reconnect.seq).toBeGreaterThan(sensorGone.seq);
    expect(reconnect.packet['clean']).toBe(false);
    expect(packets(step(4), 'connack', 'archive', 'out')[0]!.packet['sessionPresent']).toBe(true);
    expect(deliveriesTo(step(4), 'archive')).toEqual(['home/kitchen/temperature=21.5', 'home/kitchen/humidity=48']);
    expect(deliveriesTo(step(4), 'archive')).not.toContain('office/printer/status=paper jam');
  });
});

/** The packet's bytes as "0x10 0x0c …". */
const bytesOf = (entry: PacketEntry, count: number): string =>
  [...atob(entry.raw)].slice(0, count).map((char) => `0x${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(' ');

describe('demo 01-fundamentals/packet-tour on the real broker', () => {
  let backend: NodeDemoBackend;
  let steps: RecordEntry[][];
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ backend, steps } = await playByStep(packetTour));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 3.1.1 §2.2.1 CONNECT starts 0x10 and carries protocol level 4; 3.1.1 §3.2 CONNACK is 0x20 0x02 0x00 0x00', () => {
    const [connect] = packets(step(1), 'connect', undefined, 'in');
    expect(bytesOf(connect!, 1)).toBe('0x10');
    // Fixed header (2 bytes), then the protocol name: length 0x00 0x04 and "MQTT", then the level.
    expect(bytesOf(connect!, 9).split(' ').slice(2)).toEqual(['0x00', '0x04', '0x4d', '0x51', '0x54', '0x54', '0x04']);
    expect(bytesOf(packets(step(1), 'connack', 'probe', 'out')[0]!, 8)).toBe('0x20 0x02 0x00 0x00');
  });

  test('step 2: 3.1.1 [MQTT-3.8.1-1] SUBSCRIBE starts 0x82 (reserved flags 0010); SUBACK 0x90 grants QoS 0', () => {
    expect(bytesOf(packets(step(2), 'subscribe', 'probe', 'in')[0]!, 1)).toBe('0x82');
    const [suback] = packets(step(2), 'suback', 'probe', 'out');
    expect(bytesOf(suback!, 1)).toBe('0x90');
    expect(suback!.packet['granted']).toEqual([0]);
  });

  test('step 3: 3.1.1 §2.2.3 PUBLISH 0x30 0x0c for "hi"; 310 bytes encode as the Remaining Length 0xb6 0x02; both come back', () => {
    const sent = packets(step(3), 'publish', 'probe', 'in');
    expect(sent.map((p) => bytesOf(p, 3))).toEqual(['0x30 0x0c 0x00', '0x30 0xb6 0x02']);
    expect(atob(sent[1]!.raw).length).toBe(1 + 2 + 310);
    expect(packets(step(3), 'publish', 'probe', 'out').map((p) => bytesOf(p, 3))).toEqual(['0x30 0x0c 0x00', '0x30 0xb6 0x02']);
    expect(LONG_PAYLOAD).toHaveLength(300);
  });

  test('step 4: 3.1.1 §3.12 / §3.13 a silent client with keep-alive 1 s sends PINGREQ 0xc0 0x00, answered by PINGRESP 0xd0 0x00', () => {
    const [ping] = packets(step(4), 'pingreq', 'quiet', 'in');
    expect(bytesOf(ping!, 8)).toBe('0xc0 0x00');
    expect(bytesOf(packets(step(4), 'pingresp', 'quiet', 'out')[0]!, 8)).toBe('0xd0 0x00');
    expect(packets(step(4), 'connect', undefined, 'in')[0]!.packet['keepalive']).toBe(1);
  });

  test('step 5: 3.1.1 [MQTT-3.10.1-1] UNSUBSCRIBE starts 0xa2; UNSUBACK is 0xb0 0x02 + id; 3.1.1 §3.14 DISCONNECT is 0xe0 0x00', () => {
    const [unsubscribe] = packets(step(5), 'unsubscribe', 'probe', 'in');
    expect(bytesOf(unsubscribe!, 1)).toBe('0xa2');
    const [unsuback] = packets(step(5), 'unsuback', 'probe', 'out');
    expect(bytesOf(unsuback!, 2)).toBe('0xb0 0x02');
    expect(unsuback!.packet['messageId']).toBe(unsubscribe!.packet['messageId']);
    expect(bytesOf(packets(step(5), 'disconnect', 'probe', 'in')[0]!, 8)).toBe('0xe0 0x00');
  });
});
