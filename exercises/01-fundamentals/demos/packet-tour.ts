/**
 * Module 1 demo: a tour of the control packets of one MQTT 3.1.1 connection, byte by byte — the
 * fixed header's type and flags, and a Remaining Length of one byte and of two. Every byte value
 * quoted in the explanations is checked on the real broker and MQTT.js by
 * src/demos/__tests__/01-fundamentals-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let probe: MqttClient;

/** 300 bytes of payload: with the 10-byte topic field it makes a Remaining Length of 310, two bytes long. */
export const LONG_PAYLOAD = 'x'.repeat(300);

export default defineDemo({
  id: '01-fundamentals/packet-tour',
  title: 'A tour of the packets, byte by byte',
  description:
    'One MQTT 3.1.1 client goes through CONNECT, SUBSCRIBE, PUBLISH, PINGREQ, UNSUBSCRIBE and DISCONNECT. Open each packet and read its fixed header: the type in the high four bits, the flags in the low four, then the Remaining Length.',
  steps: [
    {
      title: 'CONNECT 0x10, CONNACK 0x20',
      explain:
        '`probe` connects with MQTT 3.1.1. Open its CONNECT: the first byte is `0x10` — type 1 in the high four bits, flags `0000` — and the next byte is the Remaining Length, the number of bytes that follow. ' +
        'In the variable header, after the protocol name `MQTT`, the protocol level is `0x04`: 3.1.1. ' +
        'The CONNACK is four bytes in all: `0x20 0x02`, then the session-present flags `0x00` and the return code `0x00`, *accepted*.',
      async run(ctx) {
        probe = await ctx.client('probe', { protocolVersion: 4 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'SUBSCRIBE 0x82: reserved flags that must be 0010',
      explain:
        '`probe` subscribes to `lab/tour`. The SUBSCRIBE starts with `0x82`: type 8, and flags `0010`. Those flags are *reserved*, yet not zero: the specification fixes them at `0010` for SUBSCRIBE, UNSUBSCRIBE and PUBREL, and a receiver closes the connection on any other value (3.1.1 [MQTT-2.2.2-1], [MQTT-2.2.2-2]). ' +
        'The SUBACK (`0x90`, type 9) carries the packet identifier of the SUBSCRIBE and one return code per filter: `0x00`, QoS 0 granted.',
      async run(ctx) {
        await probe.subscribeAsync('lab/tour', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'PUBLISH 0x30, and a Remaining Length of two bytes',
      explain:
        '`probe` publishes `hi` and then 300 bytes to `lab/tour` at QoS 0; the broker sends each back, because `probe` subscribed. In a PUBLISH the low four bits are flags that mean something: DUP, QoS (two bits), RETAIN — `0x30` is QoS 0, no DUP, no RETAIN. ' +
        'The short one is `0x30 0x0C`: 12 bytes follow (2 for the topic length, 8 for `lab/tour`, 2 for `hi`). ' +
        'The long one has 2 + 8 + 300 = 310 bytes after the fixed header, more than one byte of seven bits can say, so the Remaining Length takes two: `0xB6 0x02`. ' +
        'The low seven bits of each byte are a digit in base 128 and the top bit says “another byte follows” (3.1.1 §2.2.3, 5.0 §1.5.5): `0xB6` is 128 + 54, so 54 and continue; `0x02` is 2 × 128 = 256; 54 + 256 = 310.',
      async run(ctx) {
        await probe.publishAsync('lab/tour', 'hi', { qos: 0 });
        await probe.publishAsync('lab/tour', LONG_PAYLOAD, { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'PINGREQ 0xC0 0x00: the smallest packets',
      explain:
        '`quiet` connects with a keep-alive of 1 second and then has nothing to say. Before the second is up, MQTT.js sends PINGREQ to show it is alive, and the broker answers PINGRESP. ' +
        'Each is two bytes: `0xC0 0x00` and `0xD0 0x00` — a fixed header with a Remaining Length of 0, and nothing else.',
      async run(ctx) {
        const quiet = await ctx.client('quiet', { protocolVersion: 4, keepalive: 1 });
        await new Promise<void>((resolve) => {
          quiet.on('packetreceive', (packet) => {
            if (packet.cmd === 'pingresp') resolve();
          });
        });
        await quiet.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'UNSUBSCRIBE 0xA2, DISCONNECT 0xE0',
      explain:
        '`probe` unsubscribes from `lab/tour` (`0xA2`: type 10, the reserved flags `0010` again) and the broker answers UNSUBACK (`0xB0 0x02` and the packet identifier). ' +
        'Then `probe` says goodbye: DISCONNECT is `0xE0 0x00` in 3.1.1, two bytes with no body; the broker will not publish a will after it.',
      async run(ctx) {
        await probe.unsubscribeAsync('lab/tour');
        await probe.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
