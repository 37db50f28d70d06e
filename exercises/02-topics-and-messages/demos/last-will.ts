/**
 * Module 2 demo: when the broker publishes a client's last will and when it does not — a link cut
 * by the instrument, a clean DISCONNECT, MQTT 5.0's Will Delay Interval and DISCONNECT 0x04.
 * Checked on the real broker by src/demos/__tests__/02-topics-and-messages-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';

const will = (device: string) => ({ topic: `devices/${device}/status`, payload: 'offline', qos: 1 as const, retain: true });

export default defineDemo({
  id: '02-topics-and-messages/last-will',
  title: 'Last will: a lost link, a clean goodbye, a delayed will',
  description: 'A presence monitor watches three devices that leave in different ways.',
  brokerOptions: { clock: 'virtual' },
  steps: [
    {
      title: 'The monitor subscribes; pump-7 connects with a will',
      explain:
        '`monitor` subscribes to `devices/+/status`. `pump-7` connects with a **will** in its CONNECT — topic ' +
        '`devices/pump-7/status`, payload `offline`, QoS 1, Will Retain 1 (open the CONNECT: the Will Flag, Will QoS and ' +
        'Will Retain bits are in the Connect Flags byte) — and publishes `online`, retained.',
      async run(ctx) {
        const monitor = await ctx.client('monitor');
        await monitor.subscribeAsync('devices/+/status', { qos: 1 });
        const pump = await ctx.client('pump-7', { will: will('pump-7') });
        await pump.publishAsync('devices/pump-7/status', 'online', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The link is cut: the broker publishes the will',
      explain:
        'The sandbox **cuts pump-7\'s link** — no DISCONNECT, as when power or Wi-Fi fails. The broker sees the connection close ' +
        'without DISCONNECT and publishes the will: `monitor` receives `offline` on `devices/pump-7/status`. Because the will was ' +
        'retained, `offline` also replaced the retained `online`.',
      async run(ctx) {
        await ctx.instruments.cutLink('pump-7');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A clean DISCONNECT: the will is discarded',
      explain:
        '`valve-2` connects with the same kind of will, then ends normally: it sends **DISCONNECT** and the broker discards the ' +
        'will without publishing it. `monitor` receives `online` and nothing else from valve-2.',
      async run(ctx) {
        const valve = await ctx.client('valve-2', { will: will('valve-2') });
        await valve.publishAsync('devices/valve-2/status', 'online', { qos: 1, retain: true });
        await valve.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'MQTT 5.0: a Will Delay Interval of 30 s',
      explain:
        '`fan-3` connects with a will whose **Will Delay Interval** is 30 seconds and a Session Expiry Interval of 300 s ' +
        '(the broker waits for whichever ends first). Its link is cut — and nothing is published yet: a device that comes back ' +
        'within 30 s would never be reported offline.',
      async run(ctx) {
        const fan = await ctx.client('fan-3', {
          clean: true,
          properties: { sessionExpiryInterval: 300 },
          will: { ...will('fan-3'), properties: { willDelayInterval: 30 } },
        });
        await fan.publishAsync('devices/fan-3/status', 'online', { qos: 1, retain: true });
        await ctx.instruments.cutLink('fan-3');
        await ctx.untilQuiet();
      },
    },
    {
      title: '30 seconds later, the delayed will goes out',
      explain:
        'The broker\'s clock moves on by 30 s. fan-3 did not come back, so the broker publishes its will: `monitor` receives ' +
        '`offline` on `devices/fan-3/status`.',
      async run(ctx) {
        await ctx.advanceClock(30_000);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'MQTT 5.0: DISCONNECT with reason 0x04 asks for the will',
      explain:
        '`door-4` leaves cleanly but sends DISCONNECT with reason code **0x04, Disconnect with Will Message**: the client ends ' +
        'normally and still wants its will published, so the broker publishes `offline` on `devices/door-4/status`.',
      async run(ctx) {
        const door = await ctx.client('door-4', { will: will('door-4') });
        await door.endAsync(false, { reasonCode: 0x04 });
        await ctx.untilQuiet();
      },
    },
  ],
});
