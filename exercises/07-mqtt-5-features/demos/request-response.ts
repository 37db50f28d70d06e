/**
 * Module 7 demo: request/response over MQTT 5.0. An app asks the broker for Response Information,
 * builds its reply topic from it, sends two requests at once with Response Topic and Correlation
 * Data; the heater answers them in the opposite order, and the app matches each answer by its
 * Correlation Data. A request nobody answers ends in the requester's own timeout (5.0 §4.10,
 * §3.3.2.3.5, §3.3.2.3.6, §3.1.2.11.6, §3.2.2.3.15). Checked by
 * src/demos/__tests__/07-mqtt-5-applications-demos.test.ts.
 */
// Demos also play on the page's main thread, which has no global Buffer: import it.
import { Buffer } from 'buffer';
import type { IConnackPacket, MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let app: MqttClient;
let heater: MqttClient;
let replyTopic = '';
const answers: Record<string, string> = {};

export default defineDemo({
  id: '07-mqtt-5-features/request-response',
  title: 'Request/response with Response Topic and Correlation Data',
  description:
    'An app asks a heater for two readings at once; the answers come back in the other order on the app’s own reply topic and are matched by Correlation Data.',
  brokerOptions: { responseInformation: 'replies/%c' },
  steps: [
    {
      title: 'The app asks for Response Information; the heater listens for requests',
      explain:
        '`app-1` connects with **Request Response Information = 1** in its CONNECT. This broker is configured to answer with **Response Information** in the CONNACK: `replies/app-1`, a topic prefix reserved for this client’s responses (5.0 §3.2.2.3.15). ' +
        'A broker may send none even when asked, and must send none when not asked. The app subscribes to `replies/app-1/#`. ' +
        '`heater-3` subscribes to its request topic `home/heater-3/get`.',
      async run(ctx) {
        app = await ctx.client('app-1', { properties: { requestResponseInformation: true } });
        // An application reads the CONNACK in its `connect` event; the demo's client has already
        // connected, so it reads the CONNACK MQTT.js keeps (not part of its typed API).
        const connack = (app as unknown as { connackPacket?: IConnackPacket }).connackPacket;
        const prefix = connack?.properties?.responseInformation;
        if (prefix === undefined) throw new Error('the broker sent no Response Information');
        replyTopic = `${prefix}/heater-3`;
        await app.subscribeAsync('replies/app-1/#', { qos: 1 });
        heater = await ctx.client('heater-3');
        const delays: Record<string, number> = { temperature: 120, mode: 10 };
        heater.on('message', (_topic, payload, packet) => {
          const responseTopic = packet.properties?.responseTopic;
          if (!responseTopic) return;
          const question = payload.toString();
          const answer = question === 'temperature' ? '21.5' : 'eco';
          // The slower reading is answered last: only the Correlation Data tells the app which is which.
          setTimeout(() => heater.publish(responseTopic, answer, { qos: 1, properties: { correlationData: packet.properties?.correlationData as Buffer } }), delays[question] ?? 0);
        });
        await heater.subscribeAsync('home/heater-3/get', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Two requests at once, answered in the other order',
      explain:
        '`app-1` publishes two requests without waiting in between: `temperature` with **Correlation Data** `req-1` and `mode` with `req-2`, both with **Response Topic** `replies/app-1/heater-3`. ' +
        'The broker forwards both properties to the heater unaltered (5.0 [MQTT-3.3.2-15], [MQTT-3.3.2-16]). ' +
        'The heater answers `mode` first: each answer goes to the Response Topic of its request and carries that request’s Correlation Data, so the app matches `eco` to `req-2` and `21.5` to `req-1` although they arrived in the opposite order.',
      async run(ctx) {
        app.on('message', (_topic, payload, packet) => {
          const id = Buffer.from(packet.properties?.correlationData ?? []).toString();
          answers[id] = payload.toString();
        });
        await Promise.all([
          app.publishAsync('home/heater-3/get', 'temperature', { qos: 1, properties: { responseTopic: replyTopic, correlationData: Buffer.from('req-1') } }),
          app.publishAsync('home/heater-3/get', 'mode', { qos: 1, properties: { responseTopic: replyTopic, correlationData: Buffer.from('req-2') } }),
        ]);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A request nobody answers',
      explain:
        '`app-1` asks `heater-9`, which is not connected. The broker accepts the request with an ordinary **PUBACK 0x00**: a 5.0 broker *may* answer 0x10 (No matching subscribers) instead, but this one does not, and even 0x10 would not tell the app whether a responder will ever answer. ' +
        'No response arrives, and MQTT has no timeout for it: the requester must keep its own (here 500 ms) and give up, or retry, when it expires.',
      async run(ctx) {
        await app.publishAsync('home/heater-9/get', 'temperature', { qos: 1, properties: { responseTopic: 'replies/app-1/heater-9', correlationData: Buffer.from('req-3') } });
        await ctx.wait(500);
        await Promise.all([app.endAsync(), heater.endAsync()]);
        await ctx.untilQuiet();
      },
    },
  ],
});
