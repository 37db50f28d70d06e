/**
 * Module 8 demo: the bytes one sensor reading costs on the wire — a long topic with JSON, the same
 * reading in four binary bytes, the acknowledgements QoS 1 and 2 add, and an MQTT 5.0 topic alias.
 * Checked on the real broker by src/demos/__tests__/08-constrained-environments-demos.test.ts.
 */
// Demos also play on the page's main thread, which has no global Buffer: import it.
import { Buffer } from 'buffer';
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttClient } from 'mqtt';

const TOPIC = 'factory/building-7/line-3/sensor-0042/temperature';
/** 21.5 °C and 48.0 % as two big-endian 16-bit integers in tenths: 215 = 0x00D7, 480 = 0x01E0. */
const BINARY = new Uint8Array([0x00, 0xd7, 0x01, 0xe0]);

// The sensor is kept between steps so that every step adds to the same connection.
let sensor: MqttClient | undefined;

export default defineDemo({
  id: '08-constrained-environments/bytes-per-reading',
  title: 'What one reading costs: topic, payload, QoS and a topic alias',
  description: 'Two sensors publish the same reading six ways; the packet view shows the size of each packet.',
  brokerOptions: { topicAliasMaximum: 10 },
  steps: [
    {
      title: 'JSON on a long topic, QoS 0: 88 bytes',
      explain:
        '`sensor-42` (MQTT 5.0) publishes `{"temperature":21.5,"humidity":48}` — 34 bytes — to ' +
        '`factory/building-7/line-3/sensor-0042/temperature`, 49 bytes, at QoS 0. The PUBLISH is **88 bytes**: fixed header 2 ' +
        '(`30 56`: type and flags, then a Remaining Length of 86 in one byte), topic length 2, topic 49, property length 1, ' +
        'payload 34. Only 34 of the 88 bytes are the reading, and most of those are field names.',
      async run(ctx) {
        sensor = await ctx.client('sensor-42');
        await sensor.publishAsync(TOPIC, '{"temperature":21.5,"humidity":48}', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The same reading in 4 binary bytes: 58 bytes',
      explain:
        'Both values as 16-bit integers in tenths — `00 D7` is 215, 21.5 °C; `01 E0` is 480, 48.0 % — make a 4-byte payload. ' +
        'The PUBLISH shrinks to **58 bytes**; now the topic is the biggest part of it.',
      async run(ctx) {
        await sensor?.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'QoS 1 and QoS 2: identifiers and acknowledgements',
      explain:
        'At QoS 1 the PUBLISH carries a 2-byte packet identifier — **60 bytes** — and the broker answers with a **PUBACK**. ' +
        'At QoS 2 the same 60-byte PUBLISH is followed by **PUBREC**, **PUBREL** and **PUBCOMP**: three more packets and a ' +
        'second round trip. Open the acknowledgements: each is 4 bytes in MQTT 3.1.1 (type, length, identifier). In 5.0 a ' +
        'sender may add the Reason Code and a Property Length or leave them out when the reason is Success with no ' +
        'properties: here the broker\'s PUBACK and PUBREC and MQTT.js\'s PUBREL write them out (6 bytes, ending `00 00`), ' +
        'the broker\'s PUBCOMP leaves them out (4 bytes).',
      async run(ctx) {
        await sensor?.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 1 });
        await sensor?.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 2 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'MQTT 5.0 topic alias 1: 61 bytes once, then 12',
      explain:
        'The broker\'s CONNACK said **Topic Alias Maximum = 10**. The sensor publishes once with the full topic and the ' +
        'property **Topic Alias = 1** (`23 00 01`, 3 more bytes: 61). From then on it sends a **zero-length topic** and only ' +
        'the alias: the next PUBLISH is **12 bytes** — 2 of fixed header, 2 of empty topic length, 1 + 3 of properties, 4 of ' +
        'payload. The broker delivers it on the full topic name; the mapping lasts as long as this network connection.',
      async run(ctx) {
        await sensor?.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 0, properties: { topicAlias: 1 } });
        await sensor?.publishAsync('', Buffer.from(BINARY), { qos: 0, properties: { topicAlias: 1 } });
        await ctx.untilQuiet();
        sensor = undefined;
      },
    },
    {
      title: 'Let MQTT.js assign the aliases',
      explain:
        '`sensor-43` is created with the MQTT.js option **`autoAssignTopicAlias: true`** and publishes to the long topic ' +
        'twice, naming the topic both times. MQTT.js picks alias 1 within the broker\'s Topic Alias Maximum, sends the ' +
        'topic with it the first time (61 bytes) and only the alias the second time (12 bytes).',
      async run(ctx) {
        const auto = await ctx.client('sensor-43', { autoAssignTopicAlias: true });
        await auto.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 0 });
        await auto.publishAsync(TOPIC, Buffer.from(BINARY), { qos: 0 });
        await ctx.untilQuiet();
      },
    },
  ],
});
