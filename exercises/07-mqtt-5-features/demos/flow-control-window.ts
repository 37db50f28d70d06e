/**
 * Module 7 demo: Receive Maximum in both directions. A slow writer announces Receive Maximum 2 and
 * the broker never has more than two unacknowledged QoS 1 PUBLISHes out to it; a publisher keeps
 * within the broker's Receive Maximum of 2 by waiting for acknowledgements (MQTT.js does not do
 * it for you); a publisher that does not is disconnected with 0x93 (5.0 §4.9, [MQTT-3.3.4-7],
 * [MQTT-3.3.4-9]). Checked by src/demos/__tests__/07-mqtt-5-applications-demos.test.ts.
 */
import type { IPublishPacket, MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let writer: MqttClient;
let plc: MqttClient;
/** The broker's Receive Maximum, as its CONNACK to `plc` announces it. */
const BROKER_RECEIVE_MAXIMUM = 2;

/** Publishes at QoS 1 with never more than `window` messages unacknowledged. */
async function publishWindowed(client: MqttClient, topic: string, payloads: string[], window: number): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (const payload of payloads) {
    if (inFlight.size >= window) await Promise.race(inFlight);
    const sent: Promise<unknown> = client.publishAsync(topic, payload, { qos: 1 }).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
}

export default defineDemo({
  id: '07-mqtt-5-features/flow-control-window',
  title: 'Flow control: a window each way',
  description:
    'A slow writer that takes two messages at a time, a publisher that keeps within the broker’s window, and one that does not.',
  brokerOptions: { receiveMaximum: 2 },
  steps: [
    {
      title: 'Both sides announce a Receive Maximum',
      explain:
        '`writer` connects with **Receive Maximum = 2**: it processes at most two QoS 1 or QoS 2 messages at a time. It stores each message (100 ms) before MQTT.js sends its PUBACK. ' +
        'Every CONNACK from this broker carries **Receive Maximum = 2** too: no client may have more than two QoS 1/2 PUBLISHes to the broker unacknowledged (5.0 §3.1.2.11.3, §3.2.2.3.3). Absent, the value is 65,535.',
      async run(ctx) {
        writer = await ctx.client('writer', { properties: { receiveMaximum: 2 } });
        writer.handleMessage = (_packet: IPublishPacket, done: (error?: Error) => void) => {
          setTimeout(() => done(), 100);
        };
        await writer.subscribeAsync('plant/line-2/events', { qos: 1 });
        plc = await ctx.client('plc-7');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A publisher that keeps the broker’s window',
      explain:
        '`plc-7` has six events to send. MQTT.js does not limit its in-flight messages to the Receive Maximum the broker announced, so the program does: it sends a new PUBLISH only while fewer than two are unacknowledged (5.0 [MQTT-3.3.4-7]). ' +
        'Towards `writer`, the broker keeps the writer’s window: never more than two PUBLISHes without a PUBACK (5.0 [MQTT-3.3.4-9]); each PUBACK from `writer` lets the next one go. ' +
        'Only PUBLISHes wait: PINGREQ, SUBSCRIBE and acknowledgements flow freely whatever the window.',
      async run(ctx) {
        await publishWindowed(plc, 'plant/line-2/events', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'], BROKER_RECEIVE_MAXIMUM);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A publisher that ignores it is disconnected',
      explain:
        '`plc-7` now sends three events at once. The third PUBLISH arrives while two are unacknowledged, one more than the broker’s Receive Maximum. ' +
        'That is a protocol error: the broker sends **DISCONNECT with reason code 0x93** (Receive Maximum exceeded) and closes the connection (5.0 §4.9, §4.13). `e7` and `e8`, within the window, reach the writer; `e9` is lost with the connection, and the publisher must reconnect and send it again.',
      async run(ctx) {
        plc.on('error', () => {}); // the DISCONNECT is the point of this step
        for (const event of ['e7', 'e8', 'e9']) plc.publish('plant/line-2/events', event, { qos: 1 });
        await ctx.untilQuiet();
        await writer.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
