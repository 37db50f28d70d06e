/**
 * Module 3 demo: MQTT 5.0 flow control. A subscriber advertising Receive Maximum 1 gets one
 * unacknowledged QoS 1 message at a time; a publisher that ignores the broker's Receive Maximum
 * of 2 is disconnected with 0x93. Checked by src/demos/__tests__/03-qos-and-reliability-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let logger: MqttClient;
let sender: MqttClient;

export default defineDemo({
  id: '03-qos-and-reliability/receive-maximum',
  title: 'In-flight windows: Receive Maximum',
  description:
    'Two MQTT 5.0 windows: a slow subscriber that accepts one unacknowledged message at a time, and a broker that accepts two from each client.',
  brokerOptions: { receiveMaximum: 2 },
  steps: [
    {
      title: 'Both sides announce their windows',
      explain:
        '`logger` connects with **Receive Maximum = 1** in its CONNECT: it will process one QoS 1 or 2 message at a time. ' +
        'The broker’s CONNACKs carry **Receive Maximum = 2**: no client may have more than two QoS 1 or 2 PUBLISHes to it unacknowledged. ' +
        'Without the property the value is 65,535 (5.0 §3.1.2.11.3, §3.2.2.3.3).',
      async run(ctx) {
        logger = await ctx.client('logger', { properties: { receiveMaximum: 1 } });
        await logger.subscribeAsync('lab/log', { qos: 1 });
        sender = await ctx.client('sender');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The broker respects the subscriber’s window',
      explain:
        '`sender` publishes `entry-1` and `entry-2` without waiting in between: two PUBLISHes in flight, within the broker’s window of 2. ' +
        'The broker forwards `entry-1` to `logger` and holds `entry-2` until `logger`’s PUBACK has arrived: never more than one unacknowledged message towards a client that asked for 1.',
      async run(ctx) {
        await Promise.all(['entry-1', 'entry-2'].map((entry) => sender.publishAsync('lab/log', entry, { qos: 1 })));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A client that ignores the broker’s window is disconnected',
      explain:
        '`sender` now publishes three messages at once. MQTT.js 5.16 does not limit its in-flight messages to the Receive Maximum the server announced, so the third PUBLISH arrives while two are unacknowledged. ' +
        'The broker treats that as a protocol error: DISCONNECT with reason code **0x93, Receive Maximum exceeded** (5.0 §4.9). Your own code must keep the window: wait for acknowledgements before sending more.',
      async run(ctx) {
        sender.on('error', () => {}); // the DISCONNECT is the point of this step
        // Not awaited: the unacknowledged publishes never complete once the broker has disconnected the client.
        for (const entry of ['entry-3', 'entry-4', 'entry-5']) sender.publish('lab/log', entry, { qos: 1 });
        await ctx.untilQuiet();
        await logger.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
