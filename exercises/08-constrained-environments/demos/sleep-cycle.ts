/**
 * Module 8 demo: a battery meter's sleep cycle on the broker's virtual clock — a persistent session
 * keeps its subscription and queues a QoS 1 command during a 15-minute sleep, and a sleep longer
 * than the Session Expiry Interval loses the session and the command with it.
 * Checked on the real broker by src/demos/__tests__/08-constrained-environments-demos.test.ts.
 */
import { defineDemo, type DemoContext } from '../../../src/demos/define-demo.ts';
import type { MqttClient } from 'mqtt';

// The operator stays connected through the story and sends the commands.
let operator: MqttClient | undefined;

/**
 * One wake-up of meter-9: connect with Clean Start 0 and a one-hour session, subscribe when the
 * story says the CONNACK had Session Present 0 (the demo test checks that it did), publish the
 * reading at QoS 1 and disconnect.
 */
async function wake(ctx: DemoContext, reading: string, subscribe: boolean): Promise<void> {
  const meter = await ctx.client('meter-9', { clean: false, keepalive: 540, properties: { sessionExpiryInterval: 3600 } });
  await ctx.untilQuiet(); // queued commands follow the CONNACK: let them arrive first
  if (subscribe) await meter.subscribeAsync('meters/meter-9/cmd', { qos: 1 });
  await meter.publishAsync('meters/meter-9/reading', reading, { qos: 1 });
  await meter.endAsync();
  await ctx.untilQuiet();
}

export default defineDemo({
  id: '08-constrained-environments/sleep-cycle',
  title: 'A meter that sleeps: persistent session, queued command, expired session',
  description: 'A battery meter wakes, reports and sleeps on the broker\'s virtual clock while an operator sends it commands.',
  brokerOptions: { clock: 'virtual' },
  steps: [
    {
      title: 'First wake-up: no session yet, so the meter subscribes',
      explain:
        '`operator` is connected. `meter-9` connects with **Clean Start 0**, **Session Expiry Interval 3600** (one hour) and ' +
        '**Keep Alive 540**. The broker has no session for it: CONNACK says **Session Present 0**, so the meter subscribes to ' +
        '`meters/meter-9/cmd` at QoS 1. It publishes its reading and leaves with a **DISCONNECT**: the broker discards its ' +
        'will (if it had one) and keeps the session — the subscription included — for an hour.',
      async run(ctx) {
        operator = await ctx.client('operator');
        await wake(ctx, '1042', true);
      },
    },
    {
      title: 'The meter sleeps 15 minutes; the operator sends a command',
      explain:
        'The broker\'s clock moves on by 15 minutes: nothing crosses the wire, the meter\'s radio is off. Then `operator` ' +
        'publishes `interval=900` to `meters/meter-9/cmd` at **QoS 1**. It matches the subscription stored in the meter\'s ' +
        'session, so the broker accepts it — PUBACK to `operator` — and **stores** it in that session for the absent meter ' +
        '(3.1.1 [MQTT-3.1.2-5]). Nothing goes to the meter now: it is asleep.',
      async run(ctx) {
        await ctx.advanceClock(15 * 60_000);
        await operator?.publishAsync('meters/meter-9/cmd', 'interval=900', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Second wake-up: Session Present 1, and the command is waiting',
      explain:
        'The meter connects exactly as before. CONNACK says **Session Present 1**, and right behind it comes the queued ' +
        '`interval=900` at QoS 1, which the meter acknowledges with a PUBACK. It does not subscribe again — the session ' +
        'still holds the subscription — publishes its reading and sleeps again.',
      async run(ctx) {
        await wake(ctx, '1043', false);
      },
    },
    {
      title: 'A sleep longer than the session: two hours',
      explain:
        'This time the meter oversleeps — its battery sagged, or the schedule changed. **One hour after its DISCONNECT** the ' +
        'Session Expiry Interval runs out and the broker discards the session: look for the expired event. When the operator ' +
        'sends `calibrate` two hours in, no subscription matches any more and the message goes nowhere.',
      async run(ctx) {
        await ctx.advanceClock(2 * 3600_000);
        await operator?.publishAsync('meters/meter-9/cmd', 'calibrate', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Third wake-up: Session Present 0 — the command is lost',
      explain:
        'CONNACK says **Session Present 0**: the meter must subscribe again, and `calibrate` never arrives. The Session Expiry ' +
        'Interval has to outlast the longest sleep you can expect — missed wake-ups included — and a device must always ' +
        'check Session Present rather than assume its session survived (5.0 §3.1.2.11.2, §3.2.2.1.1).',
      async run(ctx) {
        await wake(ctx, '1045', true);
        operator = undefined;
      },
    },
  ],
});
