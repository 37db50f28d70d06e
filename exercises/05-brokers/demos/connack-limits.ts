/**
 * Module 5 demo: a broker configured with tight limits announces them in CONNACK, and clients that
 * ignore them are disconnected with the reason code of the limit. Checked against the real broker
 * by src/demos/__tests__/05-brokers-demos.test.ts.
 */
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let careless: MqttClient;

/**
 * Publishes and waits for the broker's DISCONNECT rather than for the publish: the broker closes
 * the link instead of acknowledging, and on the in-page link MQTT.js 5.16 can leave the publish's
 * promise pending for ever, so awaiting it would hang the step.
 */
function publishUntilDisconnected(client: MqttClient, topic: string, payload: string, options: IClientPublishOptions): Promise<void> {
  const disconnected = new Promise<void>((resolve) => client.once('disconnect', () => resolve()));
  client.publish(topic, payload, options, () => undefined); // the failure is expected: the DISCONNECT is the point
  return disconnected;
}

export default defineDemo({
  id: '05-brokers/connack-limits',
  title: 'A broker announces its limits',
  description:
    'The broker is configured with maximumQoS 1, retainAvailable false, maximumPacketSize 2048 and serverKeepAlive 60 — the sandbox equivalents of max_qos, retain_available, max_packet_size and max_keepalive in mosquitto.conf. Watch a 5.0 client read them in CONNACK, then break each one.',
  brokerOptions: { maximumQoS: 1, retainAvailable: false, maximumPacketSize: 2048, serverKeepAlive: 60 },
  steps: [
    {
      title: 'CONNACK carries the limits',
      explain:
        '`careless` connects with MQTT 5.0 and asks for a keep-alive of 300 s. Open its CONNACK: the properties say **Maximum QoS 1**, **Retain Available 0**, **Maximum Packet Size 2048** and **Server Keep Alive 60** (5.0 §3.2.2.3). ' +
        'The client must now use 60 s instead of 300 (5.0 §3.2.2.3.14); MQTT.js does that by itself and shows the value in `client.keepalive`. The other limits it leaves to your code, in `client.serverProperties`.',
      async run(ctx) {
        careless = await ctx.client('careless', { keepalive: 300 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Subscribing above the limit is not an error',
      explain:
        '`careless` subscribes to `lab/#` asking for QoS 2. The SUBACK grants **QoS 1**: a broker may always grant less than requested (5.0 §3.9.3), and a broker with Maximum QoS 1 must still accept the SUBSCRIBE (5.0 §3.2.2.3.4).',
      async run(ctx) {
        await careless.subscribeAsync('lab/#', { qos: 2 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Publishing above it is',
      explain:
        'Now `careless` publishes at QoS 2, which the CONNACK forbade (5.0 [MQTT-3.2.2-11]). The broker does not answer with PUBREC: it sends **DISCONNECT 0x9B** (QoS not supported) and closes the connection. Mosquitto with `max_qos 1` does the same.',
      async run(ctx) {
        await publishUntilDisconnected(careless, 'lab/reading', '21.5', { qos: 2 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A retained message, then a packet too large',
      explain:
        '`keeper` publishes `lab/status` with RETAIN set although Retain Available is 0 (5.0 [MQTT-3.2.2-14]): **DISCONNECT 0x9A** (Retain not supported). ' +
        'Then `bulky` publishes a 3 000-byte payload to a broker that accepts packets of at most 2 048 bytes: **DISCONNECT 0x95** (Packet too large, 5.0 §3.2.2.3.6) — the broker judges the whole packet, not only the payload.',
      async run(ctx) {
        const keeper = await ctx.client('keeper');
        await publishUntilDisconnected(keeper, 'lab/status', 'online', { qos: 1, retain: true });
        const bulky = await ctx.client('bulky');
        await publishUntilDisconnected(bulky, 'lab/image', 'x'.repeat(3000), { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
