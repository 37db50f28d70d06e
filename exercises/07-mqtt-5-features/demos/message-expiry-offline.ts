/**
 * Module 7 demo: three QoS 1 messages are queued for an offline display, two of them with a
 * Message Expiry Interval, each with a trace-id user property. Two minutes pass on the broker's
 * virtual clock; when the display returns, the message whose lifetime ran out is gone, the other
 * arrives with its interval reduced by the time it waited, and every user property arrives as
 * sent (5.0 §3.3.2.3.3, §3.3.2.3.7). Backs the quiz's predict-then-observe question
 * "expiry-while-offline". Checked by src/demos/__tests__/07-mqtt-5-features-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const SESSION = { clean: false, properties: { sessionExpiryInterval: 3600 } } as const;
const TOPIC = 'station/12/departures';
let display: MqttClient;

export default defineDemo({
  id: '07-mqtt-5-features/message-expiry-offline',
  title: 'Message expiry while a subscriber is offline',
  description:
    'A departures display is offline while three announcements are queued for it, two with a lifetime. Two minutes later it returns: one announcement has expired, one arrives with less time left, and the trace ids travel unchanged.',
  brokerOptions: { clock: 'virtual' },
  steps: [
    {
      title: 'The display subscribes with a persistent session, then goes offline',
      explain:
        '`display` connects with MQTT 5.0, **Clean Start = 0** and a **Session Expiry Interval** of 3600 s, subscribes to `station/12/departures` at QoS 1 and sends DISCONNECT. ' +
        'Its session — and the subscription in it — stays on the broker, which will queue QoS 1 messages for it.',
      async run(ctx) {
        display = await ctx.client('display', SESSION);
        await display.subscribeAsync(TOPIC, { qos: 1 });
        await display.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Three announcements are published, with different lifetimes',
      explain:
        '`scheduler` publishes three QoS 1 messages, each with a **user property** `trace-id`:\n\n' +
        '- `IC 815 delayed 5 min` with **Message Expiry Interval = 60** s — stale once the train has left;\n' +
        '- `IC 830 on time` with **Message Expiry Interval = 600** s and a second user property `source`;\n' +
        '- `Lift at platform 3 out of order` with **no** expiry — it lives as long as the session does.\n\n' +
        'Open each PUBLISH in the packet view: the properties sit in the variable header, before the payload. The broker acknowledges all three and queues them for `display`.',
      async run(ctx) {
        const scheduler = await ctx.client('scheduler');
        await scheduler.publishAsync(TOPIC, 'IC 815 delayed 5 min', {
          qos: 1, properties: { messageExpiryInterval: 60, userProperties: { 'trace-id': 'dep-815' } },
        });
        await scheduler.publishAsync(TOPIC, 'IC 830 on time', {
          qos: 1, properties: { messageExpiryInterval: 600, userProperties: { 'trace-id': 'dep-830', source: 'dispatch-west' } },
        });
        await scheduler.publishAsync(TOPIC, 'Lift at platform 3 out of order', {
          qos: 1, properties: { userProperties: { 'trace-id': 'notice-3' } },
        });
        await scheduler.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Two minutes pass',
      explain:
        'The broker’s clock moves on by 120 s (this demo runs the broker on a virtual clock, so you do not have to wait). ' +
        'Nothing crosses the wire: expiry is not a timer that fires, the broker checks a message’s lifetime when it is about to deliver it.',
      async run(ctx) {
        await ctx.advanceClock(120_000);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The display returns: one expired, one with less time left',
      explain:
        '`display` connects again with the same client id and Clean Start = 0: **Session Present = 1**, and the queued messages follow the CONNACK. ' +
        '`IC 815 delayed 5 min` is **not** delivered — its 60 s ran out while it waited, and the broker must not forward an expired message (the record shows a *message-expired* event). ' +
        '`IC 830 on time` arrives with **Message Expiry Interval = 480**: the broker subtracted the 120 s the message spent queued. ' +
        'The lift notice arrives without an expiry. Each delivered PUBLISH carries its user properties exactly as `scheduler` sent them, in the same order.',
      async run(ctx) {
        display = await ctx.client('display', SESSION);
        await ctx.untilQuiet();
        await display.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
