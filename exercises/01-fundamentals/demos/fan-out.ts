/**
 * Module 1 demo: publish/subscribe decoupling made visible. One PUBLISH fans out to every matching
 * subscription, the publisher's acknowledgement comes from the broker whoever listens, and a
 * subscriber that is offline gets its copies later from its stored session. Every claim in the
 * explanations is checked against the real broker and MQTT.js by
 * src/demos/__tests__/01-fundamentals-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let sensor: MqttClient;

/** The archive's session outlives its connection by this long (MQTT 5.0 Session Expiry Interval, seconds). */
const ARCHIVE_SESSION = { clean: false, properties: { sessionExpiryInterval: 3600 } } as const;

export default defineDemo({
  id: '01-fundamentals/fan-out',
  title: 'One PUBLISH, many subscribers — and one who is away',
  description:
    'A sensor publishes without knowing who listens. Two subscribers are online, a third is offline with a stored session. Watch how many copies the broker sends, who acknowledges what, and when the absent subscriber gets its messages.',
  steps: [
    {
      title: 'Three subscribers; one of them leaves',
      explain:
        '`dashboard` subscribes to `home/+/temperature` and `logger` to `home/#`, both at QoS 1. ' +
        '`archive` connects with **Clean Start = 0** and a session expiry of 3600 s, subscribes to `home/#` at QoS 1, then sends DISCONNECT. ' +
        'Its network connection is gone, but the broker keeps its session — and with it the subscription — for an hour.',
      async run(ctx) {
        const dashboard = await ctx.client('dashboard');
        const logger = await ctx.client('logger');
        const archive = await ctx.client('archive', ARCHIVE_SESSION);
        await dashboard.subscribeAsync('home/+/temperature', { qos: 1 });
        await logger.subscribeAsync('home/#', { qos: 1 });
        await archive.subscribeAsync('home/#', { qos: 1 });
        await archive.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'One PUBLISH in, one copy per matching subscription out',
      explain:
        '`sensor` connects and publishes `21.5` to `home/kitchen/temperature` at QoS 1. It sends **one** PUBLISH and addresses nobody. ' +
        'The broker matches the topic against every subscription it holds and sends its own PUBLISH to `dashboard` and to `logger` (3.1.1 §3.3.5, 5.0 §3.3.4), each with a packet identifier of its own, and each subscriber answers the broker with PUBACK. ' +
        'The PUBACK `sensor` receives comes from the **broker**: the sensor learns that the broker has the message, not who received it. That is decoupling in space. ' +
        '`archive` matches too, but has no connection: the broker stores the message in its session instead (no packet crosses).',
      async run(ctx) {
        sensor = await ctx.client('sensor');
        await sensor.publishAsync('home/kitchen/temperature', '21.5', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The filters decide',
      explain:
        '`sensor` publishes `48` to `home/kitchen/humidity`. `home/+/temperature` does not match it, so `dashboard` gets nothing; `logger` (`home/#`) gets a copy and `archive`’s session stores a second message. ' +
        'Then `sensor` publishes to `office/printer/status`, which no subscription matches: the broker sends no copy at all, yet `sensor` gets the same PUBACK as before. A publisher cannot tell one subscriber from none.',
      async run(ctx) {
        await sensor.publishAsync('home/kitchen/humidity', '48', { qos: 1 });
        await sensor.publishAsync('office/printer/status', 'paper jam', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The sensor leaves, the archive comes back',
      explain:
        '`sensor` sends DISCONNECT. Only then does `archive` reconnect, with Clean Start = 0 again: the CONNACK says **session present** (5.0 §3.2.2.1.1), and right after it the broker delivers the two QoS 1 messages it kept in the session (5.0 §4.1) — ' +
        '`21.5` and `48`, in the order they were published. Publisher and subscriber were never connected at the same time: that is decoupling in time. ' +
        'And nobody ever waited for anybody — each side went on as soon as the broker had answered it: decoupling in synchronisation.',
      async run(ctx) {
        await sensor.endAsync();
        await ctx.untilQuiet();
        await ctx.client('archive', ARCHIVE_SESSION);
        await ctx.untilQuiet();
      },
    },
  ],
});
