/**
 * Module 5 demo: three sandbox broker nodes form one cluster (aedes instances sharing their
 * message emitter and persistence). Clients on different nodes exchange messages, find retained
 * messages and sessions wherever they connect, and a client id has one connection in the whole
 * cluster. Checked against the real broker by src/demos/__tests__/05-brokers-cluster-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let sensor: MqttClient;
let dashboard: MqttClient;

export default defineDemo({
  id: '05-brokers/cluster-shared-state',
  title: 'Three nodes, one broker',
  description:
    'A cluster of three broker nodes — a, b and c — that share subscriptions, sessions and retained messages. Every packet in the view says which node it crossed. Watch a message, a retained value, a session and a client id behave as if there were one broker.',
  brokerOptions: { nodes: [{ name: 'a', cluster: 'plant' }, { name: 'b', cluster: 'plant' }, { name: 'c', cluster: 'plant' }] },
  steps: [
    {
      title: 'Published on a, delivered on b',
      explain:
        '`dashboard` connects to **node b** and subscribes to `plant/#` at QoS 1; `sensor` connects to **node a** and publishes `plant/line-1/temp` at QoS 1. ' +
        'Node a answers the PUBLISH with PUBACK; the message reaches node b through the cluster, and node b delivers it to `dashboard` **once**, with its own PUBACK exchange. ' +
        'Each hop runs its own QoS handshake (5.0 §4.3.2): the publisher\'s with node a, the subscriber\'s with node b. The cluster between them is the vendor\'s business, not the protocol\'s.',
      async run(ctx) {
        dashboard = await ctx.client('dashboard', { node: 'b' });
        await dashboard.subscribeAsync('plant/#', { qos: 1 });
        sensor = await ctx.client('sensor', { node: 'a' });
        await sensor.publishAsync('plant/line-1/temp', '21.5', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A retained message is the cluster\'s, not the node\'s',
      explain:
        '`sensor` publishes `plant/status` = `running` with RETAIN on node a. Then `late` connects to **node c** and subscribes to `plant/status`: node c sends it the retained message at once, with RETAIN = 1 ' +
        '(3.1.1 [MQTT-3.3.1-6] and [MQTT-3.3.1-8], 5.0 §3.3.1.3). The retained store is shared by every node, so it does not matter where the value was set.',
      async run(ctx) {
        await sensor.publishAsync('plant/status', 'running', { qos: 1, retain: true });
        const late = await ctx.client('late', { node: 'c' });
        await late.subscribeAsync('plant/status', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A session follows its client to another node',
      explain:
        '`worker` connects to node a with Clean Start 0 and a Session Expiry Interval of 300 s, subscribes to `jobs/#` at QoS 1, and disconnects. `sensor` publishes `jobs/1` at QoS 1 while it is away. ' +
        '`worker` comes back on **node c**: CONNACK says **Session Present 1** (5.0 [MQTT-3.2.2-3]), and node c delivers the queued `jobs/1` — the session was stored by the cluster, not by node a.',
      async run(ctx) {
        const session = { clean: false, properties: { sessionExpiryInterval: 300 } };
        const worker = await ctx.client('worker', { node: 'a', ...session });
        await worker.subscribeAsync('jobs/#', { qos: 1 });
        await worker.endAsync();
        await sensor.publishAsync('jobs/1', 'rebuild index', { qos: 1 });
        await ctx.client('worker', { node: 'c', ...session });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'One client id, one connection — in the whole cluster',
      explain:
        'A second `dashboard` connects, to **node c**. The cluster must behave as one Server: the first connection, on node b, is taken over (3.1.1 [MQTT-3.1.4-2], 5.0 §3.1.4). ' +
        'Node b sends it **DISCONNECT 0x8E** (Session taken over) and closes it. Without this rule two devices with the same id on two nodes would both think they own the session.',
      async run(ctx) {
        await ctx.client('dashboard', { node: 'c' });
        await ctx.untilQuiet();
      },
    },
  ],
});
