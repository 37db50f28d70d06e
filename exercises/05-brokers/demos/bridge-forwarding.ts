/**
 * Module 5 demo: two independent brokers — a shop's `site` broker and a central `cloud` broker —
 * joined by a bridge configured like mosquitto's `connection` block. Checked against the real
 * broker by src/demos/__tests__/05-brokers-cluster-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let device: MqttClient;
let central: MqttClient;

export default defineDemo({
  id: '05-brokers/bridge-forwarding',
  title: 'A bridge between two brokers',
  description:
    'Two separate brokers, site and cloud. The bridge on site is configured as in mosquitto.conf: `connection shop-7`, `address cloud`, `topic sensors/# out 1 "" shop-7/`, `topic cmd/# in 1 "" shop-7/`, `topic chat both 1`. Watch it connect, subscribe and forward — and not loop.',
  brokerOptions: {
    nodes: [{ name: 'site' }, { name: 'cloud' }],
    bridges: [
      {
        name: 'shop-7',
        local: 'site',
        remote: 'cloud',
        topics: [
          { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: '', remotePrefix: 'shop-7/' },
          { pattern: 'cmd/#', direction: 'in', qos: 1, localPrefix: '', remotePrefix: 'shop-7/' },
          { pattern: 'chat', direction: 'both', qos: 1 },
        ],
      },
    ],
  },
  steps: [
    {
      title: 'The bridge is a client of both brokers',
      explain:
        'Before anyone else connects, the bridge `shop-7` has connected to **cloud** — as an ordinary MQTT client, with CONNECT and CONNACK — and to its own broker **site**. ' +
        'Open its SUBSCRIBE packets: on site it subscribes to `sensors/#` and `chat` (what goes **out**), on cloud to `shop-7/cmd/#` and `chat` (what comes **in**), each with **No Local** set (5.0 §3.8.3.1). ' +
        'A bridge shares no sessions and no subscriptions: the two brokers know nothing of each other, only of this client.',
      async run(ctx) {
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Out: site to cloud, under a prefix',
      explain:
        '`central` subscribes on cloud to `shop-7/sensors/#`; `device` on site publishes `sensors/fridge-1/temp`. Follow it: site delivers it to the bridge (its subscription matched), and the bridge publishes it on cloud as ' +
        '**`shop-7/sensors/fridge-1/temp`** — the remote prefix added, as the `topic` line says. Forty shops can use the same topic tree at home and stay apart in the centre.',
      async run(ctx) {
        central = await ctx.client('central', { node: 'cloud' });
        await central.subscribeAsync('shop-7/sensors/#', { qos: 1 });
        device = await ctx.client('device', { node: 'site' });
        await device.subscribeAsync('cmd/#', { qos: 1 });
        await device.publishAsync('sensors/fridge-1/temp', '4.2', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'In: cloud to site, prefix removed',
      explain:
        '`central` publishes `shop-7/cmd/defrost` on cloud. The bridge\'s subscription `shop-7/cmd/#` matches; it strips the prefix and publishes **`cmd/defrost`** on site, where `device` receives it. ' +
        'A message published on cloud under another prefix, `shop-8/cmd/defrost`, matches no topic line and stays on cloud.',
      async run(ctx) {
        await central.publishAsync('shop-7/cmd/defrost', 'now', { qos: 1 });
        await central.publishAsync('shop-8/cmd/defrost', 'now', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Both ways, once: No Local stops the loop',
      explain:
        '`chat` is bridged **both** ways. `device` publishes `chat` on site; the bridge forwards it to cloud, where `central` gets it. The bridge is itself subscribed to `chat` on cloud, so without No Local cloud would send it straight back, the bridge would forward it to site again, and so on for ever. ' +
        'Because the subscription has No Local, cloud does not send a client the messages it published itself ([MQTT-3.8.3-3]): the message crosses **once**. mosquitto bridges traditionally get the same effect from a private flag in CONNECT (`try_private`), which only brokers that know it honour.',
      async run(ctx) {
        await central.subscribeAsync('chat', { qos: 1 });
        await device.subscribeAsync('chat', { qos: 1 });
        await device.publishAsync('chat', 'hello from the shop', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
