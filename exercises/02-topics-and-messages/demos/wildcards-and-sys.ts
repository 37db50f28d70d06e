/**
 * Module 2 demo: `#` matches every topic except those beginning with `$`; `$SYS/#` reaches the
 * broker's statistics. Backs the quiz's predict-then-observe question "hash-and-sys".
 * Checked on the real broker by src/demos/__tests__/02-topics-and-messages-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';

export default defineDemo({
  id: '02-topics-and-messages/wildcards-and-sys',
  title: '`#`, `+` and the `$SYS` topics',
  description: 'Three subscribers with different filters; a sensor publishes, and the broker publishes its statistics under $SYS.',
  brokerOptions: { clock: 'virtual', sys: { intervalMs: 10_000 } },
  steps: [
    {
      title: 'Three subscriptions',
      explain:
        '`logger` subscribes to `#`, `kitchen` to `home/kitchen/+` and `admin` to ' +
        '`$SYS/#`. The broker keeps its statistics as ' +
        'retained messages under `$SYS/broker/…`, so right after its SUBACK `admin` receives them, each with RETAIN = 1 ' +
        '(aedes, the broker inside this page, also announces each new subscription live on `$SYS/<broker id>/new/subscribes`). ' +
        '`logger` receives none of them: a filter that starts with a wildcard never matches a topic that starts with `$`.',
      async run(ctx) {
        const logger = await ctx.client('logger');
        await logger.subscribeAsync('#', { qos: 0 });
        const kitchen = await ctx.client('kitchen');
        await kitchen.subscribeAsync('home/kitchen/+', { qos: 0 });
        const admin = await ctx.client('admin');
        await admin.subscribeAsync('$SYS/#', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A sensor publishes at three depths',
      explain:
        '`sensor` publishes to `home/kitchen/temperature`, `home/kitchen/fridge/temperature` and `home/kitchen`. `logger` (`#`) ' +
        'receives all three. `kitchen` (`home/kitchen/+`) receives only the first: `+` is exactly one level — not two, not zero.',
      async run(ctx) {
        const sensor = await ctx.client('sensor');
        for (const topic of ['home/kitchen/temperature', 'home/kitchen/fridge/temperature', 'home/kitchen']) {
          await sensor.publishAsync(topic, '21.5', { qos: 0 });
        }
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Ten seconds later: fresh statistics, to admin only',
      explain:
        'The broker\'s clock moves on by 10 s and it publishes its statistics again, such as `$SYS/broker/clients/connected`. ' +
        '`admin` receives them, now with RETAIN = 0 (a live update on an established subscription); `logger`, subscribed to ' +
        'everything, still receives nothing from `$SYS`.',
      async run(ctx) {
        await ctx.advanceClock(10_000);
        await ctx.untilQuiet();
      },
    },
  ],
});
