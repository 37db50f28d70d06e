/**
 * Module 8 demo: a microcontroller-class client announces what it can take — MQTT 5.0 Maximum
 * Packet Size and Receive Maximum in CONNECT — and the broker keeps to it; and the broker's own
 * Maximum Packet Size in CONNACK, which MQTT.js does not enforce on the sending side.
 * Checked on the real broker by src/demos/__tests__/08-constrained-environments-demos.test.ts.
 */
// Demos also play on the page's main thread, which has no global Buffer: import it.
import { Buffer } from 'buffer';
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttClient } from 'mqtt';

// The back end stays connected through the story and sends to the device.
let backend: MqttClient | undefined;

export default defineDemo({
  id: '08-constrained-environments/small-device-limits',
  title: 'A small device states its limits: Maximum Packet Size and Receive Maximum',
  description: 'A device with a 128-byte receive buffer and room for one message in flight, and a broker that accepts packets of at most 1 024 bytes.',
  brokerOptions: { maximumPacketSize: 1024 },
  steps: [
    {
      title: 'The device announces a 128-byte limit and one message in flight',
      explain:
        '`tiny-node` connects with two CONNECT properties: **Maximum Packet Size = 128** — its receive buffer — and ' +
        '**Receive Maximum = 1**: it can handle one unacknowledged QoS 1 or 2 message at a time. It subscribes to ' +
        '`devices/tiny-node/#` at QoS 1. The broker\'s CONNACK states its own limit in turn: **Maximum Packet Size = 1024**.',
      async run(ctx) {
        backend = await ctx.client('backend');
        const device = await ctx.client('tiny-node', { properties: { maximumPacketSize: 128, receiveMaximum: 1 } });
        await device.subscribeAsync('devices/tiny-node/#', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A 300-byte configuration is discarded, a short command delivered',
      explain:
        '`backend` publishes a 300-byte configuration and then a 7-byte command to the device, both at QoS 1. The broker ' +
        'accepts both (PUBACK to `backend`), but the configuration would make a PUBLISH of over 128 bytes: the broker must ' +
        'not send it to `tiny-node` and discards it as if it had been sent — see the dropped event (5.0 §3.1.2.11.4). The ' +
        'command arrives. Nobody tells `backend`: in MQTT 5.0 the sender learns nothing of a discard, so size messages for ' +
        'the smallest subscriber, or split them.',
      async run(ctx) {
        await backend?.publishAsync('devices/tiny-node/config', Buffer.alloc(300, 0x61), { qos: 1 });
        await backend?.publishAsync('devices/tiny-node/cmd', 'led=on!', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Three commands at once, one at a time to the device',
      explain:
        '`backend` publishes three commands without waiting. Because `tiny-node` said **Receive Maximum = 1**, the broker ' +
        'keeps at most one unacknowledged QoS 1 PUBLISH out to it: PUBLISH, PUBACK, PUBLISH, PUBACK, PUBLISH, PUBACK — never ' +
        'two PUBLISHes back to back. A device with memory for one message never receives a second before it has finished ' +
        'the first.',
      async run(ctx) {
        await Promise.all(['blink=1', 'blink=2', 'blink=3'].map((cmd) => backend?.publishAsync('devices/tiny-node/cmd', cmd, { qos: 1 })));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Too big for the broker: DISCONNECT 0x95',
      explain:
        '`uploader` read **Maximum Packet Size = 1024** in its CONNACK and must not send a larger packet. MQTT.js does not ' +
        'check that limit for you: it sends a 2 000-byte PUBLISH anyway, and the broker closes the connection with ' +
        '**DISCONNECT, reason code 0x95 Packet too large**. On a device, check the size before sending — or split the data.',
      async run(ctx) {
        const uploader = await ctx.client('uploader');
        uploader.on('error', () => {}); // the broker's DISCONNECT is the point of this step
        uploader.publish('devices/tiny-node/firmware', Buffer.alloc(2000, 0x62), { qos: 0 });
        await ctx.untilQuiet();
        backend = undefined;
      },
    },
  ],
});
