/**
 * Module 3 demo: a persistent session keeps a subscriber's subscription and queues QoS 1 messages
 * while it is offline; it gets them when it returns with Clean Start = 0, Session Present = 1.
 * A QoS 0 message published meanwhile is not queued by this broker (the specification allows
 * either). Backs the quiz's predict-then-observe question "queued-while-offline". Checked by
 * src/demos/__tests__/03-qos-and-reliability-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const SESSION = { clean: false, properties: { sessionExpiryInterval: 300 } } as const;
let worker: MqttClient;

export default defineDemo({
  id: '03-qos-and-reliability/queued-while-offline',
  title: 'Messages queued for an offline session',
  description:
    'A worker with a persistent session goes offline; orders are published while it is away; it comes back and receives them, in order. Then it connects with a clean start and the session is gone.',
  steps: [
    {
      title: 'The worker subscribes with a persistent session, then leaves',
      explain:
        '`worker` connects with **Clean Start = 0** and a **Session Expiry Interval** of 300 s, subscribes to `shop/orders` at QoS 1, and sends DISCONNECT. ' +
        'The connection is gone, but the session — the client id, the subscription — stays on the broker for up to 300 s.',
      async run(ctx) {
        worker = await ctx.client('worker', SESSION);
        await worker.subscribeAsync('shop/orders', { qos: 1 });
        await worker.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Orders are published while the worker is offline',
      explain:
        '`shop` publishes `order-1`, `order-2` and `order-3` at QoS 1, and a note `closing soon` at QoS 0. The broker acknowledges each QoS 1 PUBLISH to `shop`: its job is now to keep them for the worker’s session. ' +
        'Nothing goes to `worker` yet: it has no connection.',
      async run(ctx) {
        const shop = await ctx.client('shop');
        for (const order of ['order-1', 'order-2', 'order-3']) await shop.publishAsync('shop/orders', order, { qos: 1 });
        await shop.publishAsync('shop/orders', 'closing soon', { qos: 0 });
        await shop.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The worker returns: Session Present, then the queued orders',
      explain:
        '`worker` connects again with the same client id and Clean Start = 0. The CONNACK says **Session Present = 1**, and right after it the broker sends `order-1`, `order-2`, `order-3` — in the order they were published, each at QoS 1 with a packet identifier, each acknowledged. ' +
        'The worker did not subscribe again: the subscription was part of the session. ' +
        '`closing soon` does not arrive: the specification says QoS 0 messages *may* be queued for an offline session (3.1.1 §3.1.2.4), and this broker does not queue them.',
      async run(ctx) {
        worker = await ctx.client('worker', SESSION);
        await ctx.untilQuiet();
        await worker.endAsync();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Clean Start = 1 throws the session away',
      explain:
        'This time `worker` connects with **Clean Start = 1**. The broker discards the stored session and the CONNACK says **Session Present = 0**. ' +
        'A message published to `shop/orders` now does not reach the worker: its subscription went with the session.',
      async run(ctx) {
        worker = await ctx.client('worker', { clean: true });
        const shop = await ctx.client('shop');
        await shop.publishAsync('shop/orders', 'order-4', { qos: 1 });
        await ctx.untilQuiet();
        await worker.endAsync();
        await shop.endAsync();
        await ctx.untilQuiet();
      },
    },
  ],
});
