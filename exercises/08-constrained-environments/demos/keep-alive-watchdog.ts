/**
 * Module 8 demo: the broker's keep-alive watchdog on its virtual clock — a PINGREQ restarts it,
 * and 1.5 × Keep Alive of silence ends the connection and publishes the device's will.
 * Checked on the real broker by src/demos/__tests__/08-constrained-environments-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttClient } from 'mqtt';

// The meter is kept between steps: step 2 makes it send a PINGREQ at a chosen moment of the story.
let meter: MqttClient | undefined;

export default defineDemo({
  id: '08-constrained-environments/keep-alive-watchdog',
  title: 'Keep-alive on the clock: PINGREQ, and a device that went silent',
  description: 'A battery meter with a 60-second keep-alive, watched by the broker over three minutes of virtual time.',
  brokerOptions: { clock: 'virtual' },
  steps: [
    {
      title: 'meter-9 connects with Keep Alive = 60 s and a will',
      explain:
        '`monitor` subscribes to `meters/+/status`. `meter-9` connects with **Keep Alive = 60**: open its CONNECT and find the ' +
        'two bytes `00 3C` after the Connect Flags. It also leaves a will, `lost` on `meters/meter-9/status`. From now on the ' +
        'broker expects a packet from the meter at least every 90 seconds (1.5 × 60) on its own clock, which in this demo only ' +
        'moves when a step advances it.',
      async run(ctx) {
        const monitor = await ctx.client('monitor');
        await monitor.subscribeAsync('meters/+/status', { qos: 1 });
        meter = await ctx.client('meter-9', {
          keepalive: 60,
          // MQTT.js would ping on its own after 60 real seconds, which a learner pausing between steps
          // could trigger; a timer that never fires leaves the meter's pings to the steps of the story.
          timerVariant: { set: () => 0, clear: () => {} },
          will: { topic: 'meters/meter-9/status', payload: 'lost', qos: 1, retain: false },
        });
        await ctx.untilQuiet();
      },
    },
    {
      title: '80 seconds pass, then the meter pings',
      explain:
        'The broker\'s clock moves on by 80 s: still inside the 90-second window, so nothing happens. The meter then sends a ' +
        '**PINGREQ** — two bytes, `C0 00` — and the broker answers **PINGRESP**, `D0 00`. Any packet from the client restarts ' +
        'the broker\'s 90-second watchdog; a PINGREQ is simply the smallest packet that does it. Four bytes of MQTT, but ' +
        'the radio had to wake up for them.',
      async run(ctx) {
        await ctx.advanceClock(80_000);
        meter?.sendPing();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The meter goes silent: 89 seconds, still connected',
      explain:
        'Now the meter sends nothing more — its battery is flat, or its radio lost the network. The clock moves on by 89 s since ' +
        'the PINGREQ: no packet crosses, the broker still thinks the meter is there. This is the price of a long keep-alive: ' +
        'a dead device looks alive for up to one and a half periods.',
      async run(ctx) {
        await ctx.advanceClock(89_000);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'At 90 seconds the broker gives up and publishes the will',
      explain:
        'One more second and 1.5 × Keep Alive has passed without a packet: the broker closes the connection. To an MQTT 5.0 ' +
        'client it first sends **DISCONNECT with reason code 0x8D, Keep Alive timeout**. Because the meter did not leave ' +
        'with a DISCONNECT of its own, its will is published: `monitor` receives `lost` on `meters/meter-9/status`.',
      async run(ctx) {
        await ctx.advanceClock(1_000);
        await ctx.untilQuiet();
        meter = undefined;
      },
    },
  ],
});
