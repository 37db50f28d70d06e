/**
 * Module 3 demo: the broker re-delivers to a persistent-session subscriber whose acknowledgement
 * was lost — with the same packet identifier and DUP = 1 — first at QoS 1 (the application sees
 * the message twice), then at QoS 2 (it sees it once). Every claim is checked on the real broker
 * and MQTT.js by src/demos/__tests__/03-qos-and-reliability-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo, type DemoContext } from '../../../src/demos/define-demo.ts';

let alarms: MqttClient;
let sensor: MqttClient;

/** Cuts the subscriber's link and resolves once MQTT.js has reconnected and the re-delivery has crossed. */
async function cutAndReconnect(ctx: DemoContext): Promise<void> {
  const reconnected = new Promise((resolve) => alarms.once('connect', resolve));
  await ctx.instruments.cutLink('alarm-console');
  await reconnected;
  await ctx.untilQuiet();
}

export default defineDemo({
  id: '03-qos-and-reliability/broker-redelivery',
  title: 'The broker re-delivers after a lost acknowledgement',
  description:
    'A subscriber with a persistent session loses its PUBACK, then its connection. When it comes back, the broker sends the message again with the same packet identifier and DUP = 1. Then the same at QoS 2.',
  steps: [
    {
      title: 'A persistent subscriber and a sensor',
      explain:
        '`alarm-console` connects with **Clean Start = 0** and a Session Expiry Interval of 300 s, and subscribes to `plant/alarm` at QoS 1 and to `plant/billing` at QoS 2. ' +
        'It reconnects by itself 0.3 s after losing its connection. `sensor` connects with a clean session to publish.',
      async run(ctx) {
        alarms = await ctx.client('alarm-console', { clean: false, properties: { sessionExpiryInterval: 300 }, reconnectPeriod: 300 });
        await alarms.subscribeAsync({ 'plant/alarm': { qos: 1 }, 'plant/billing': { qos: 2 } });
        sensor = await ctx.client('sensor');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'QoS 1: the subscriber’s PUBACK is lost',
      explain:
        '`sensor` publishes `door open` to `plant/alarm` at QoS 1 and gets its PUBACK: the first hop is done. ' +
        'The broker delivers the message to `alarm-console` with a packet identifier of its own, and `alarm-console` hands it to the application and answers PUBACK — but an instrument drops that PUBACK on the way (the red "dropped" line). ' +
        'The broker still holds the message as unacknowledged in the subscriber’s session.',
      async run(ctx) {
        await ctx.instruments.dropNext('puback', { clientId: 'alarm-console', direction: 'in' });
        await sensor.publishAsync('plant/alarm', 'door open', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Reconnect: the broker re-sends with DUP = 1',
      explain:
        'An instrument cuts `alarm-console`’s link. It reconnects with Clean Start = 0 and the CONNACK says **Session Present = 1**. ' +
        'The broker now re-sends the unacknowledged PUBLISH with its **original packet identifier** and **DUP = 1** — open it: the first byte is `0x3A` (PUBLISH, DUP, QoS 1) — as 3.1.1 [MQTT-4.4.0-1] and [MQTT-3.3.1-1] require. ' +
        '`alarm-console` acknowledges it. MQTT.js does not filter QoS 1 duplicates, so the application receives `door open` **a second time**: at least once.',
      async run(ctx) {
        await cutAndReconnect(ctx);
      },
    },
    {
      title: 'QoS 2: the subscriber’s PUBREC is lost',
      explain:
        '`sensor` publishes a billing record to `plant/billing` at QoS 2. The broker delivers it to `alarm-console` at QoS 2; the client stores it and answers PUBREC, which the instrument drops. ' +
        'With no PUBREC the broker never sends PUBREL. MQTT.js keeps a QoS 2 message until PUBREL arrives before handing it to the application, so nothing has been delivered to the application yet.',
      async run(ctx) {
        await ctx.instruments.dropNext('pubrec', { clientId: 'alarm-console', direction: 'in' });
        await sensor.publishAsync('plant/billing', '{"kWh": 412.5}', { qos: 2 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Reconnect: one re-delivery, one delivery to the application',
      explain:
        'The link is cut again and `alarm-console` comes back to its session. The broker re-sends the QoS 2 PUBLISH with the same packet identifier and DUP = 1 (first byte `0x3C`), and this time the four-packet handshake completes: PUBLISH, PUBREC, PUBREL, PUBCOMP. ' +
        'The application receives the billing record **once**: QoS 2’s handshake lets the receiver recognise the repeated packet identifier (3.1.1 §4.3.3, 5.0 §4.3.3).',
      async run(ctx) {
        await cutAndReconnect(ctx);
        await alarms.endAsync();
        await sensor.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
