/**
 * Module 7 demo: the same stream of readings delivered to two dashboards, one that announced a
 * Topic Alias Maximum in CONNECT and one that did not. The broker assigns aliases only on the
 * first connection; the packet view shows each PUBLISH's size, and the explanations give the
 * totals (5.0 §3.3.2.3.4, §3.1.2.11.5, §3.2.2.3.8). Then a publisher uses aliases towards the
 * broker (the other direction, another table), and a PUBLISH with an alias the broker never
 * offered gets DISCONNECT 0x94. Checked by src/demos/__tests__/07-shared-subscriptions-demos.test.ts.
 */
// Demos also play on the page's main thread, which has no global Buffer: import it.
import { Buffer } from 'buffer';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const TOPIC = 'plant/hall-b/line-4/press-07/oil-temperature';
const READINGS = ['61.2', '61.4', '61.3', '61.7', '62.0'];

export default defineDemo({
  id: '07-mqtt-5-features/topic-aliases-bytes-saved',
  title: 'Topic aliases: the bytes saved, packet by packet',
  description:
    'Two dashboards subscribe to the same readings; only one accepts topic aliases. The broker sends it the 44-byte topic once and a two-byte alias afterwards, while the other gets the full topic every time. Then a sensor uses aliases towards the broker, and one alias too many ends its connection.',
  brokerOptions: { topicAliasMaximum: 4 },
  steps: [
    {
      title: 'Two dashboards: one accepts topic aliases',
      explain:
        '`dash-plain` connects with MQTT 5.0 and no Topic Alias Maximum. `dash-alias` sends **Topic Alias Maximum = 4** in its CONNECT (MQTT.js: `properties: { topicAliasMaximum: 4 }`): the broker may use aliases 1–4 *when sending to it*. ' +
        'Both subscribe to `plant/#`. Open the broker’s CONNACKs: they carry **Topic Alias Maximum = 4** too — that is the other direction, how many aliases the *broker* accepts from each client.',
      async run(ctx) {
        const plain = await ctx.client('dash-plain');
        await plain.subscribeAsync('plant/#');
        const alias = await ctx.client('dash-alias', { properties: { topicAliasMaximum: 4 } });
        await alias.subscribeAsync('plant/#');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Five readings, two ways',
      explain:
        '`sensor` publishes five readings to `' + TOPIC + '` (44 bytes) at QoS 0, with the full topic each time. The broker forwards each one to both dashboards; select a PUBLISH in the packet view to see its size in bytes:\n\n' +
        '- to `dash-plain`: **53 bytes** every time — 2 of fixed header, 2 + 44 of topic, 1 of property length, 4 of payload — **265 bytes** for five;\n' +
        '- to `dash-alias`: the first PUBLISH carries the topic **and** the property Topic Alias = 1 (`23 00 01`), **56 bytes**; the next four carry an **empty topic** and only the alias, **12 bytes** each — **104 bytes** for five, 161 fewer.\n\n' +
        'MQTT.js on `dash-alias` maps alias 1 back to the topic, so the application sees the same five messages as `dash-plain`. The saving grows with every message and with the length of the topic; the first message costs 3 bytes more. ' +
        'The broker chose the alias itself: `dash-alias` only said how many it can hold.',
      async run(ctx) {
        const sensor = await ctx.client('sensor');
        for (const reading of READINGS) await sensor.publishAsync(TOPIC, reading, { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The other direction: a sensor that uses aliases itself',
      explain:
        '`sensor-2` is created with the MQTT.js option **`autoAssignTopicAlias: true`**. The broker’s CONNACK allowed 4 aliases, so MQTT.js sends the topic with alias 1 the first time (**56 bytes**) and only alias 1 afterwards (**12 bytes**). ' +
        'That alias 1 belongs to the sensor → broker direction of `sensor-2`’s connection; the broker’s alias 1 towards `dash-alias` is a different table on a different connection. ' +
        'Aliases are per connection and per direction, and they vanish when the connection closes (5.0 [MQTT-3.3.2-7]). The dashboards receive the readings as before.',
      async run(ctx) {
        const sensor2 = await ctx.client('sensor-2', { autoAssignTopicAlias: true });
        for (const reading of ['62.1', '62.3', '62.2']) await sensor2.publishAsync(TOPIC, reading, { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'An alias the broker never offered: DISCONNECT 0x94',
      explain:
        '`rogue` writes a PUBLISH with **Topic Alias = 5** straight onto its connection (MQTT.js itself refuses to send it: *Sending Topic Alias out of range*). The broker announced a maximum of 4, and a client must not exceed it (5.0 [MQTT-3.3.2-9]). ' +
        'The broker answers **DISCONNECT with reason code 0x94, Topic Alias invalid**, and closes the connection; the message reaches nobody. Alias 0 is refused the same way ([MQTT-3.3.2-8]).',
      async run(ctx) {
        const rogue = await ctx.client('rogue');
        // PUBLISH, QoS 0: topic "t", properties [Topic Alias (0x23) = 5], payload "x".
        const bytes = Buffer.from([0x30, 0x08, 0x00, 0x01, 0x74, 0x03, 0x23, 0x00, 0x05, 0x78]);
        (rogue as unknown as { stream: { write(chunk: Uint8Array): void } }).stream.write(bytes);
        await ctx.untilQuiet();
      },
    },
  ],
});
