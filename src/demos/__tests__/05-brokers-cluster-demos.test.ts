/**
 * The module 5 demos with several broker nodes (a cluster, a bridge, failover), played against the
 * real sandbox broker with real MQTT.js clients: every packet an explanation names must cross, on
 * the node it names, in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import clusterDemo from '../../../exercises/05-brokers/demos/cluster-shared-state.ts';
import bridgeDemo from '../../../exercises/05-brokers/demos/bridge-forwarding.ts';
import failoverDemo from '../../../exercises/05-brokers/demos/failover-server-list.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { eventsOf, packets, playByStep } from './play-by-step.ts';

const backends: NodeDemoBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const nodesOf = (entries: PacketEntry[]): (string | undefined)[] => entries.map((entry) => entry.node);
const payloads = (entries: PacketEntry[]): unknown[] => entries.map((entry) => (entry.packet['payload'] as { utf8?: string }).utf8);

describe('demo 05-brokers/cluster-shared-state on the real broker', () => {
  let steps: RecordEntry[][] = [];
  beforeAll(async () => {
    steps = (await playByStep(clusterDemo, { backends })).steps;
  }, 30_000);

  test('step 1: published on node a (PUBACK from a), delivered once to the subscriber on node b (5.0 §4.3.2)', () => {
    const step = steps[0]!;
    expect(nodesOf(packets(step, 'publish', 'sensor', 'in'))).toEqual(['a']);
    expect(nodesOf(packets(step, 'puback', 'sensor', 'out'))).toEqual(['a']);
    const delivered = packets(step, 'publish', 'dashboard', 'out');
    expect(nodesOf(delivered)).toEqual(['b']);
    expect(payloads(delivered)).toEqual(['21.5']);
    expect(nodesOf(packets(step, 'puback', 'dashboard', 'in'))).toEqual(['b']);
  });

  test('step 2: 3.1.1 [MQTT-3.3.1-6] [MQTT-3.3.1-8] a retained message set on node a reaches a new subscriber on node c with RETAIN 1', () => {
    const delivered = packets(steps[1]!, 'publish', 'late', 'out');
    expect(nodesOf(delivered)).toEqual(['c']);
    expect(delivered[0]!.packet['retain']).toBe(true);
    expect(payloads(delivered)).toEqual(['running']);
  });

  test('step 3: 5.0 [MQTT-3.2.2-3] the session started on node a resumes on node c with Session Present 1 and the queued message', () => {
    const step = steps[2]!;
    expect(packets(step, 'connack', 'worker', 'out').map((p) => [p.node, p.packet['sessionPresent']])).toEqual([['a', false], ['c', true]]);
    const delivered = packets(step, 'publish', 'worker', 'out');
    expect(nodesOf(delivered)).toEqual(['c']);
    expect(payloads(delivered)).toEqual(['rebuild index']);
  });

  test('step 4: 3.1.1 [MQTT-3.1.4-2] / 5.0 0x8E the dashboard on node b is taken over by the one on node c', () => {
    const step = steps[3]!;
    expect(packets(step, 'disconnect', 'dashboard', 'out').map((p) => [p.node, p.packet['reasonCode']])).toEqual([['b', 0x8e]]);
    expect(nodesOf(packets(step, 'connack', 'dashboard', 'out'))).toEqual(['c']);
  });
});

describe('demo 05-brokers/bridge-forwarding on the real broker', () => {
  let steps: RecordEntry[][] = [];
  beforeAll(async () => {
    steps = (await playByStep(bridgeDemo, { backends })).steps;
  }, 30_000);

  test('step 1: the bridge connects to both brokers and subscribes with No Local (5.0 §3.8.3.1)', () => {
    const step = steps[0]!;
    expect(nodesOf(packets(step, 'connack', 'shop-7', 'out')).sort()).toEqual(['cloud', 'site']);
    const subscribes = packets(step, 'subscribe', 'shop-7', 'in');
    const filters = subscribes.map((p) => [p.node, (p.packet['subscriptions'] as { topic: string; nl: boolean }[]).map((s) => `${s.topic}${s.nl ? ' nl' : ''}`)]);
    expect(filters).toEqual(expect.arrayContaining([['site', ['sensors/# nl', 'chat nl']], ['cloud', ['shop-7/cmd/# nl', 'chat nl']]]));
  });

  test('step 2: out — sensors/fridge-1/temp on site is published by the bridge on cloud as shop-7/sensors/fridge-1/temp', () => {
    const step = steps[1]!;
    const bridged = packets(step, 'publish', 'shop-7', 'in');
    expect(bridged.map((p) => [p.node, p.packet['topic']])).toEqual([['cloud', 'shop-7/sensors/fridge-1/temp']]);
    expect(packets(step, 'publish', 'central', 'out').map((p) => p.packet['topic'])).toEqual(['shop-7/sensors/fridge-1/temp']);
  });

  test('step 3: in — shop-7/cmd/defrost reaches the device as cmd/defrost; shop-8/cmd/defrost stays on cloud', () => {
    const step = steps[2]!;
    expect(packets(step, 'publish', 'shop-7', 'in').map((p) => [p.node, p.packet['topic']])).toEqual([['site', 'cmd/defrost']]);
    expect(packets(step, 'publish', 'device', 'out').map((p) => p.packet['topic'])).toEqual(['cmd/defrost']);
  });

  test('step 4: 5.0 [MQTT-3.8.3-3] chat crosses once and is not sent back to the bridge', () => {
    const step = steps[3]!;
    expect(packets(step, 'publish', 'shop-7', 'in').map((p) => p.node)).toEqual(['cloud']);
    expect(payloads(packets(step, 'publish', 'central', 'out'))).toEqual(['hello from the shop']);
    expect(payloads(packets(step, 'publish', 'device', 'out'))).toEqual(['hello from the shop']);
    expect(packets(step, 'publish', 'shop-7', 'out').map((p) => p.node)).toEqual(['site']);
  });
});

describe('demo 05-brokers/failover-server-list on the real broker', () => {
  let steps: RecordEntry[][] = [];
  beforeAll(async () => {
    steps = (await playByStep(failoverDemo, { backends })).steps;
  }, 30_000);

  test('step 1: the client connects to the first server of its list, node a', () => {
    expect(nodesOf(packets(steps[0]!, 'connack', 'device', 'out'))).toEqual(['a']);
  });

  test('step 2: node a stops and cuts its links; the QoS 1 message is accepted on node b while the device is away', () => {
    const step = steps[1]!;
    expect(eventsOf(step, 'node-stopped').map((e) => e.node)).toEqual(['a']);
    expect(eventsOf(step, 'client-disconnected').filter((e) => e.clientId === 'device').map((e) => [e.node, e.reason])).toEqual([['a', 'node stopped']]);
    expect(nodesOf(packets(step, 'puback', 'ops', 'out'))).toEqual(['b']);
    expect(packets(step, 'publish', 'device', 'out')).toEqual([]);
  });

  test('step 3: 5.0 [MQTT-3.2.2-3] the client reconnects to node b, Session Present 1, and gets the queued message at QoS 1', () => {
    const after = steps[1]!.concat(steps[2]!);
    const connacks = packets(after, 'connack', 'device', 'out');
    expect(connacks.map((p) => [p.node, p.packet['sessionPresent']])).toEqual([['b', true]]);
    const delivered = packets(after, 'publish', 'device', 'out');
    expect(delivered.map((p) => [p.node, p.packet['qos']])).toEqual([['b', 1]]);
    expect(payloads(delivered)).toEqual(['reboot']);
    expect(nodesOf(packets(after, 'puback', 'device', 'in'))).toEqual(['b']);
  });
});
