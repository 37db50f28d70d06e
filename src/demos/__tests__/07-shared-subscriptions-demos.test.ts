/**
 * The module 7 demos on shared subscriptions and topic aliases, played against the real sandbox
 * broker with real MQTT.js clients: every packet and count their explanations talk about must
 * actually cross the wire in the step that explains it.
 */
import { Buffer } from 'buffer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import loadSpread from '../../../exercises/07-mqtt-5-features/demos/shared-subscription-load-spread.ts';
import memberLost from '../../../exercises/07-mqtt-5-features/demos/shared-subscription-member-lost.ts';
import aliasBytes from '../../../exercises/07-mqtt-5-features/demos/topic-aliases-bytes-saved.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { eventsOf, packets, playByStep } from './play-by-step.ts';

const payload = (entry: PacketEntry): string | undefined => (entry.packet['payload'] as { utf8?: string } | undefined)?.utf8;
const size = (entry: PacketEntry): number => Buffer.from(entry.raw, 'base64').length;
const alias = (entry: PacketEntry): number | undefined => (entry.packet['properties'] as { topicAlias?: number } | undefined)?.topicAlias;
/** Frame numbers of the jobs delivered to one client. */
const frames = (entries: RecordEntry[], clientId: string): number[] =>
  packets(entries, 'publish', clientId, 'out').map((p) => Number(String(p.packet['topic']).replace('jobs/render/frame-', '')));

describe('demo 07-mqtt-5-features/shared-subscription-load-spread on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(loadSpread));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.2.2.3.13 CONNACK says shared subscriptions are available; three members join', () => {
    for (const worker of ['worker-1', 'worker-2', 'worker-3']) {
      expect(packets(step(1), 'connack', worker)[0]!.packet['properties']).toMatchObject({ sharedSubscriptionAvailable: true });
      expect(packets(step(1), 'subscribe', worker, 'in')[0]!.packet['subscriptions']).toEqual([expect.objectContaining({ topic: '$share/renderers/jobs/render/+', qos: 1 })]);
      expect(packets(step(1), 'suback', worker)[0]!.packet['granted']).toEqual([1]);
    }
  });

  test('step 1: 5.0 §4.8.2 the retained message goes to the plain subscriber only', () => {
    const retained = packets(step(1), 'publish', undefined, 'out');
    expect(retained.map((p) => [p.clientId, p.packet['topic'], p.packet['retain']])).toEqual([['audit', 'jobs/render/settings', true]]);
  });

  test('step 2: 5.0 §4.8.2 nine jobs, three to each member in turn, all nine to the auditor', () => {
    expect(frames(step(2), 'worker-1')).toEqual([1, 4, 7]);
    expect(frames(step(2), 'worker-2')).toEqual([2, 5, 8]);
    expect(frames(step(2), 'worker-3')).toEqual([3, 6, 9]);
    expect(frames(step(2), 'audit')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('step 3: the member that leaves after frame 12 gets nothing more; no job lost or doubled', () => {
    expect(frames(step(3), 'worker-1')).toEqual([10, 13, 15]);
    expect(frames(step(3), 'worker-2')).toEqual([11, 14]);
    expect(frames(step(3), 'worker-3')).toEqual([12]);
    expect(frames(step(3), 'audit')).toEqual([10, 11, 12, 13, 14, 15]);
    const leaving = packets(step(3), 'disconnect', 'worker-3', 'in')[0]!;
    const after13 = packets(step(3), 'publish', 'scheduler', 'in').find((p) => p.packet['topic'] === 'jobs/render/frame-13')!;
    expect(leaving.seq).toBeLessThan(after13.seq);
    const totals = ['worker-1', 'worker-2', 'worker-3'].map((w) => frames([...step(2), ...step(3)], w).length);
    expect(totals).toEqual([6, 5, 4]);
  });
});

describe('demo 07-mqtt-5-features/shared-subscription-member-lost on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  const orders = (entries: RecordEntry[], clientId: string): string[] => packets(entries, 'publish', clientId, 'out').map((p) => String(p.packet['topic']));

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(memberLost));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: one order to each worker, each acknowledged', () => {
    expect(orders(step(1), 'worker-a')).toEqual(['orders/1']);
    expect(orders(step(1), 'worker-b')).toEqual(['orders/2']);
    expect(packets(step(1), 'puback', 'worker-a', 'in')).toHaveLength(1);
    expect(packets(step(1), 'puback', 'worker-b', 'in')).toHaveLength(1);
  });

  test('step 2: 5.0 §4.8.2 the order in flight to worker-b goes to worker-a once worker-b’s session ends', () => {
    expect(orders(step(2), 'worker-b')).toEqual(['orders/4']);
    expect(packets(step(2), 'puback', 'worker-b', 'in')).toEqual([]);
    expect(eventsOf(step(2), 'client-disconnected').map((e) => [e.clientId, e.reason])).toEqual([['worker-b', 'link cut by instrument']]);
    expect(eventsOf(step(2), 'message-queued')).toEqual([expect.objectContaining({ clientId: 'worker-a', topic: 'orders/4' })]);
    expect(orders(step(2), 'worker-a')).toEqual(['orders/3', 'orders/4']);
  });

  test('step 3: a persistent member is waited for: new orders go to the connected member only', () => {
    expect(packets(step(3), 'connect', undefined, 'in')[0]!.packet['properties']).toMatchObject({ sessionExpiryInterval: 300 });
    expect(orders(step(3), 'worker-c')).toEqual(['orders/6']);
    expect(orders(step(3), 'worker-a')).toEqual(['orders/5', 'orders/7', 'orders/8']);
    expect(eventsOf(step(3), 'message-queued')).toEqual([]);
  });

  test('step 4: 5.0 [MQTT-3.3.1-1] worker-c resumes its session and gets order 6 again with DUP = 1', () => {
    expect(packets(step(4), 'connack', 'worker-c')[0]!.packet['sessionPresent']).toBe(true);
    const resent = packets(step(4), 'publish', 'worker-c', 'out');
    expect(resent.map((p) => [p.packet['topic'], p.packet['dup']])).toEqual([['orders/6', true]]);
    expect(packets(step(4), 'puback', 'worker-c', 'in')).toHaveLength(1);
  });
});

describe('demo 07-mqtt-5-features/topic-aliases-bytes-saved on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(aliasBytes));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.1.2.11.5 one dashboard announces Topic Alias Maximum 4; §3.2.2.3.8 the broker announces its own', () => {
    expect(packets(step(1), 'connect', undefined, 'in').map((p) => (p.packet['properties'] as { topicAliasMaximum?: number } | undefined)?.topicAliasMaximum)).toEqual([undefined, 4]);
    for (const dash of ['dash-plain', 'dash-alias']) expect(packets(step(1), 'connack', dash)[0]!.packet['properties']).toMatchObject({ topicAliasMaximum: 4 });
  });

  test('step 2: 5.0 [MQTT-3.1.2-30] no aliases to dash-plain: 5 × 53 = 265 bytes', () => {
    const plain = packets(step(2), 'publish', 'dash-plain', 'out');
    expect(plain.map(size)).toEqual([53, 53, 53, 53, 53]);
    expect(plain.map(alias)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('step 2: 5.0 §3.3.2.3.4 the broker assigns alias 1 to dash-alias: 56 + 4 × 12 = 104 bytes, same messages', () => {
    const aliased = packets(step(2), 'publish', 'dash-alias', 'out');
    expect(aliased.map(size)).toEqual([56, 12, 12, 12, 12]);
    expect(aliased.map((p) => [p.packet['topic'], alias(p)])).toEqual([
      ['plant/hall-b/line-4/press-07/oil-temperature', 1], ['', 1], ['', 1], ['', 1], ['', 1],
    ]);
    expect(aliased.map(payload)).toEqual(packets(step(2), 'publish', 'dash-plain', 'out').map(payload));
    const total = (client: string): number => packets(step(2), 'publish', client, 'out').reduce((sum, p) => sum + size(p), 0);
    expect(total('dash-plain') - total('dash-alias')).toBe(161);
  });

  test('step 3: MQTT.js autoAssignTopicAlias: the sensor’s own alias 1 towards the broker, 56 then 12 bytes', () => {
    const sent = packets(step(3), 'publish', 'sensor-2', 'in');
    expect(sent.map((p) => [p.packet['topic'], alias(p), size(p)])).toEqual([
      ['plant/hall-b/line-4/press-07/oil-temperature', 1, 56], ['', 1, 12], ['', 1, 12],
    ]);
    expect(packets(step(3), 'publish', 'dash-plain', 'out').map(payload)).toEqual(['62.1', '62.3', '62.2']);
    expect(packets(step(3), 'publish', 'dash-alias', 'out').map(payload)).toEqual(['62.1', '62.3', '62.2']);
  });

  test('step 4: 5.0 [MQTT-3.3.2-9] an alias above the broker’s maximum gets DISCONNECT 0x94 and reaches nobody', () => {
    expect(packets(step(4), 'publish', 'rogue', 'in').map(alias)).toEqual([5]);
    expect(packets(step(4), 'disconnect', 'rogue', 'out').map((p) => p.packet['reasonCode'])).toEqual([0x94]);
    expect(packets(step(4), 'publish', undefined, 'out')).toEqual([]);
  });
});
