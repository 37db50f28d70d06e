/**
 * Module 5 demo: a client with a server list survives the loss of the node it was connected to
 * and resumes its session on another node of the cluster, without losing a QoS 1 message.
 * Checked against the real broker by src/demos/__tests__/05-brokers-cluster-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let device: MqttClient;
let ops: MqttClient;

export default defineDemo({
  id: '05-brokers/failover-server-list',
  title: 'A node fails; the client moves on',
  description:
    'A two-node cluster, a and b. The `device` client has a server list — `servers: [{ host: "a" }, { host: "b" }]` in MQTT.js — a persistent session and a QoS 1 subscription. Node a is stopped like a crashed machine. Watch the client reconnect to b and get the message it missed.',
  brokerOptions: { nodes: [{ name: 'a', cluster: 'plant' }, { name: 'b', cluster: 'plant' }] },
  steps: [
    {
      title: 'Connected to the first server of the list',
      explain:
        '`device` connects with `servers: [a, b]`, Clean Start 0, Session Expiry Interval 300 s and `reconnectPeriod: 1000`. MQTT.js tries the list in order, so it lands on **node a**, and subscribes to `cmd/device` at QoS 1. ' +
        '`ops`, the operator console, is connected to node b.',
      async run(ctx) {
        device = await ctx.client('device', {
          servers: [{ host: 'a', port: 1883 }, { host: 'b', port: 1883 }],
          clean: false,
          properties: { sessionExpiryInterval: 300 },
          reconnectPeriod: 1000,
        });
        await device.subscribeAsync('cmd/device', { qos: 1 });
        ops = await ctx.client('ops', { node: 'b' });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Node a stops',
      explain:
        'Node a goes down like a crashed machine: its connections are cut without DISCONNECT, so `device` sees a network failure. Its session lives on in the cluster (it was never on node a alone). ' +
        'While `device` is away, `ops` publishes `cmd/device` = `reboot` at QoS 1: the cluster queues it in `device`\'s session (3.1.1 [MQTT-3.1.2-5], 5.0 §4.1).',
      async run(ctx) {
        await ctx.stopNode('a');
        await ops.publishAsync('cmd/device', 'reboot', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The next server: b, with the session',
      explain:
        'After `reconnectPeriod`, MQTT.js takes the **next** server of its list: node b. Its CONNECT asks to resume (Clean Start 0), and node b\'s CONNACK says **Session Present 1** (5.0 [MQTT-3.2.2-3]): the subscription is still there, and the queued `reboot` is delivered at QoS 1 with its PUBACK. ' +
        'Nothing was lost because the session was shared and the message was QoS 1. A client with only node a in its list would still be knocking on a dead node.',
      async run(ctx) {
        if (!device.connected) await new Promise<void>((resolve) => device.once('connect', () => resolve()));
        await ctx.untilQuiet();
      },
    },
  ],
});
