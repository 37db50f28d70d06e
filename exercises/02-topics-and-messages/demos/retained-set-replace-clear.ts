/**
 * Module 2 demo: the life of a retained message — set, replace, delivered to a late subscriber
 * with RETAIN = 1, forwarded live with RETAIN = 0, cleared with a zero-length retained publish.
 * Checked on the real broker by src/demos/__tests__/02-topics-and-messages-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

/** The thermostat stays connected from step to step; set in step 1, which every replay starts with. */
let thermostat: MqttClient;
const TOPIC = 'home/hall/thermostat/setpoint';

export default defineDemo({
  id: '02-topics-and-messages/retained-set-replace-clear',
  title: 'Set, replace and clear a retained message',
  description: 'A thermostat keeps its setpoint as the retained message of its topic; dashboards arrive before and after it changes.',
  steps: [
    {
      title: 'Set: the thermostat publishes a retained setpoint',
      explain:
        '`thermostat` publishes `20` to `home/hall/thermostat/setpoint` with **RETAIN = 1** at QoS 1. Nobody is subscribed, ' +
        'so the broker forwards it to nobody, but it stores it as the retained message of that topic.',
      async run(ctx) {
        thermostat = await ctx.client('thermostat');
        await thermostat.publishAsync(TOPIC, '20', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Replace: a new retained value',
      explain:
        'The setpoint changes: `thermostat` publishes `22.5`, again retained. The broker keeps **one** retained message per topic, ' +
        'so `22.5` replaces `20`; nothing in the packets says so, but the next step shows it.',
      async run(ctx) {
        await thermostat.publishAsync(TOPIC, '22.5', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A dashboard subscribes late',
      explain:
        '`dashboard` subscribes to `home/+/thermostat/setpoint`. Right after the SUBACK the broker sends it one PUBLISH: `22.5`, ' +
        'with **RETAIN = 1** — the flag tells the receiver this is stored state, not a change that just happened. `20` never comes.',
      async run(ctx) {
        const dashboard = await ctx.client('dashboard');
        await dashboard.subscribeAsync('home/+/thermostat/setpoint', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A live update: RETAIN = 0 on the way out',
      explain:
        'The thermostat publishes `21`, retained. It becomes the new retained message, and the broker forwards it to `dashboard` ' +
        'with **RETAIN = 0**: a message sent on an established subscription never carries the flag, however it was published.',
      async run(ctx) {
        await thermostat.publishAsync(TOPIC, '21', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Clear: a zero-length retained publish',
      explain:
        'The thermostat is removed. It publishes an **empty payload** with RETAIN = 1: the broker deletes the retained message and ' +
        'stores nothing. It still forwards the empty message to `dashboard` as a normal message (RETAIN = 0, no payload bytes).',
      async run(ctx) {
        await thermostat.publishAsync(TOPIC, '', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'After the clear, a new subscriber gets nothing',
      explain:
        '`late-dashboard` subscribes to the same filter. The SUBACK grants it, and no PUBLISH follows: there is no retained message ' +
        'left on `home/hall/thermostat/setpoint`.',
      async run(ctx) {
        const late = await ctx.client('late-dashboard');
        await late.subscribeAsync('home/+/thermostat/setpoint', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
