/**
 * The module 3 demos, played against the real sandbox broker with real MQTT.js clients: every
 * packet their explanations talk about must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import brokerRedelivery from '../../../exercises/03-qos-and-reliability/demos/broker-redelivery.ts';
import queuedWhileOffline from '../../../exercises/03-qos-and-reliability/demos/queued-while-offline.ts';
import receiveMaximum from '../../../exercises/03-qos-and-reliability/demos/receive-maximum.ts';
import type { Demo } from '../define-demo.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { packets, eventsOf, playByStep } from './play-by-step.ts';


const payload = (entry: PacketEntry | undefined): string | undefined => (entry?.packet['payload'] as { utf8?: string } | undefined)?.utf8;
const firstByte = (entry: PacketEntry): number => atob(entry.raw).charCodeAt(0);

describe('demo 03-qos-and-reliability/broker-redelivery on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  /** What the subscriber's application received, in order, and a copy taken after each step. */
  const received: string[] = [];
  const receivedAfter: string[][] = [];
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    // What MQTT.js hands the application is not in the record: step 1 is wrapped so that the
    // subscriber the demo creates also reports its 'message' events here.
    const demo: Demo = {
      ...brokerRedelivery,
      steps: brokerRedelivery.steps.map((original, index) => index !== 0 ? original : {
        ...original,
        async run(ctx) {
          const client = ctx.client.bind(ctx);
          await original.run({
            ...ctx,
            instruments: ctx.instruments,
            advanceClock: ctx.advanceClock.bind(ctx),
            restartBroker: ctx.restartBroker.bind(ctx),
            wait: ctx.wait.bind(ctx),
            untilQuiet: ctx.untilQuiet.bind(ctx),
            async client(name, options) {
              const created = await client(name, options);
              if (name === 'alarm-console') created.on('message', (_topic, bytes) => received.push(bytes.toString()));
              return created;
            },
          });
        },
      }),
    };
    ({ steps, backend } = await playByStep(demo, { afterStep: () => receivedAfter.push([...received]) }));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: the subscriber connects with Clean Start 0 and a session expiry, QoS 1 and 2 subscriptions granted', () => {
    expect(packets(step(1), 'connect', undefined, 'in')[0]!.packet).toMatchObject({ clientId: 'alarm-console', clean: false, properties: { sessionExpiryInterval: 300 } });
    expect(packets(step(1), 'suback', 'alarm-console')[0]!.packet['granted']).toEqual([1, 2]);
  });

  test('step 2: the broker delivers at QoS 1 and the subscriber\'s PUBACK is dropped', () => {
    const [delivery] = packets(step(2), 'publish', 'alarm-console', 'out');
    expect(delivery!.packet).toMatchObject({ topic: 'plant/alarm', qos: 1, dup: false });
    expect(packets(step(2), 'puback', 'alarm-console', 'in')).toEqual([]);
    expect(eventsOf(step(2), 'instrument').map((e) => e.reason)).toContain('dropped incoming puback');
    expect(packets(step(2), 'puback', 'sensor', 'out')).toHaveLength(1);
  });

  test('step 3: 3.1.1 [MQTT-4.4.0-1] [MQTT-3.3.1-1] session present, the same packet id re-sent with DUP=1 (0x3A)', () => {
    expect(packets(step(3), 'connack', 'alarm-console')[0]!.packet['sessionPresent']).toBe(true);
    const original = packets(step(2), 'publish', 'alarm-console', 'out')[0]!;
    const [again] = packets(step(3), 'publish', 'alarm-console', 'out');
    expect(again!.packet).toMatchObject({ topic: 'plant/alarm', qos: 1, dup: true, messageId: original.packet['messageId'] });
    expect(firstByte(again!)).toBe(0x3a);
    expect(demo3Explain()).toContain('`0x3A`');
    expect(packets(step(3), 'puback', 'alarm-console', 'in')[0]!.packet['messageId']).toBe(original.packet['messageId']);
  });

  test('step 3: 3.1.1 §4.3.2 at least once — the QoS 1 message reached the application twice', () => {
    expect(receivedAfter[1]).toEqual(['door open']);
    expect(receivedAfter[2]).toEqual(['door open', 'door open']);
  });

  test('step 4: QoS 2 delivered, PUBREC dropped, no PUBREL, nothing handed to the application yet', () => {
    const [delivery] = packets(step(4), 'publish', 'alarm-console', 'out');
    expect(delivery!.packet).toMatchObject({ topic: 'plant/billing', qos: 2, dup: false });
    expect(eventsOf(step(4), 'instrument').map((e) => e.reason)).toContain('dropped incoming pubrec');
    expect(packets(step(4), 'pubrel', 'alarm-console')).toEqual([]);
    expect(receivedAfter[3]).toEqual(['door open', 'door open']);
  });

  test('step 5: 3.1.1 [MQTT-4.3.3-2] re-sent with DUP=1 (0x3C) and the same id, full handshake, delivered to the application once', () => {
    const original = packets(step(4), 'publish', 'alarm-console', 'out')[0]!;
    const flow = step(5).filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'alarm-console' && /^pub/.test(e.packet.cmd));
    expect(flow.map((p) => `${p.direction} ${p.packet.cmd}`)).toEqual(['out publish', 'in pubrec', 'out pubrel', 'in pubcomp']);
    expect(new Set(flow.map((p) => p.packet['messageId']))).toEqual(new Set([original.packet['messageId']]));
    expect(flow[0]!.packet['dup']).toBe(true);
    expect(firstByte(flow[0]!)).toBe(0x3c);
    expect(packets(step(5), 'connack', 'alarm-console')[0]!.packet['sessionPresent']).toBe(true);
    expect(receivedAfter[4]).toEqual(['door open', 'door open', '{"kWh": 412.5}']);
  });

  const demo3Explain = (): string => brokerRedelivery.steps[2]!.explain;
});

describe('demo 03-qos-and-reliability/queued-while-offline on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(queuedWhileOffline));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: persistent session, QoS 1 subscription, DISCONNECT', () => {
    expect(packets(step(1), 'connect', undefined, 'in')[0]!.packet).toMatchObject({ clean: false, properties: { sessionExpiryInterval: 300 } });
    expect(packets(step(1), 'suback', 'worker')[0]!.packet['granted']).toEqual([1]);
    expect(packets(step(1), 'disconnect', 'worker', 'in')).toHaveLength(1);
  });

  test('step 2: the broker acknowledges the QoS 1 orders and sends nothing to the offline worker', () => {
    expect(packets(step(2), 'puback', 'shop', 'out')).toHaveLength(3);
    expect(packets(step(2), 'publish', 'worker')).toEqual([]);
  });

  test('step 3: 3.1.1 [MQTT-3.2.2-2] Session Present = 1, then 3.1.1 [MQTT-3.1.2-5] the queued QoS 1 orders in order; QoS 0 not queued', () => {
    const [connack] = packets(step(3), 'connack', 'worker');
    expect(connack!.packet['sessionPresent']).toBe(true);
    expect(packets(step(3), 'subscribe', 'worker')).toEqual([]);
    const deliveries = packets(step(3), 'publish', 'worker', 'out');
    expect(deliveries.map(payload)).toEqual(['order-1', 'order-2', 'order-3']);
    expect(deliveries.every((d) => d.packet['qos'] === 1 && d.seq > connack!.seq)).toBe(true);
    expect(packets(step(3), 'puback', 'worker', 'in')).toHaveLength(3);
  });

  test('step 4: 3.1.1 [MQTT-3.2.2-1] Clean Start 1 gives Session Present 0 and the subscription is gone', () => {
    expect(packets(step(4), 'connect', undefined, 'in')[0]!.packet['clean']).toBe(true);
    expect(packets(step(4), 'connack', 'worker')[0]!.packet['sessionPresent']).toBe(false);
    expect(packets(step(4), 'puback', 'shop', 'out')).toHaveLength(1);
    expect(packets(step(4), 'publish', 'worker')).toEqual([]);
  });
});

describe('demo 03-qos-and-reliability/receive-maximum on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(receiveMaximum));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.1.2.11.3 / §3.2.2.3.3 the client announces Receive Maximum 1, the broker 2', () => {
    expect(packets(step(1), 'connect', undefined, 'in')[0]!.packet['properties']).toMatchObject({ receiveMaximum: 1 });
    for (const connack of packets(step(1), 'connack')) expect(connack.packet['properties']).toMatchObject({ receiveMaximum: 2 });
  });

  test('step 2: 5.0 §4.9 the broker holds the second message until the logger\'s PUBACK for the first', () => {
    const toLogger = step(2).filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'logger');
    expect(toLogger.map((p) => `${p.direction} ${p.packet.cmd} ${payload(p) ?? ''}`.trim())).toEqual([
      'out publish entry-1', 'in puback', 'out publish entry-2', 'in puback',
    ]);
    expect(packets(step(2), 'publish', 'sender', 'in')).toHaveLength(2);
  });

  test('step 3: 5.0 §4.9 a third unacknowledged PUBLISH gets DISCONNECT 0x93 (Receive Maximum exceeded)', () => {
    expect(packets(step(3), 'publish', 'sender', 'in').length).toBeGreaterThanOrEqual(3);
    expect(packets(step(3), 'disconnect', 'sender', 'out')[0]!.packet['reasonCode']).toBe(0x93);
  });
});
