/**
 * Module 1 demo for the quiz's predict-then-observe question "retained-for-late-subscriber"
 * (content/quizzes/01-fundamentals.yaml): a retained message reaches a subscriber that arrives
 * after the publisher has gone. The claim is checked against the real broker and MQTT.js by
 * src/assessment/__tests__/predict-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';

export default defineDemo({
  id: '01-fundamentals/retained-late-subscriber',
  title: 'A retained message meets a late subscriber',
  description: 'A sensor publishes one retained reading and leaves; a dashboard subscribes afterwards.',
  steps: [
    {
      title: 'The sensor publishes a retained reading and leaves',
      explain:
        '`sensor` publishes `21.5` to `home/kitchen/temperature` with **RETAIN = 1** at QoS 0, then sends DISCONNECT. ' +
        'Nobody is subscribed, so the broker forwards the message to nobody, but it keeps it as the retained message of that topic.',
      async run(ctx) {
        const sensor = await ctx.client('sensor');
        await sensor.publishAsync('home/kitchen/temperature', '21.5', { qos: 0, retain: true });
        await sensor.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A dashboard subscribes afterwards',
      explain:
        '`dashboard` connects and subscribes to `home/kitchen/temperature`. Right after the SUBACK, the broker sends it a PUBLISH ' +
        'with the payload `21.5` and **RETAIN = 1**: the last retained message on a matching topic goes to every new subscription.',
      async run(ctx) {
        const dashboard = await ctx.client('dashboard');
        await dashboard.subscribeAsync('home/kitchen/temperature', { qos: 0 });
        await ctx.untilQuiet();
        await dashboard.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
