/**
 * Module 7 demo: what happens to a QoS 1 job that is in flight to a shared-subscription member
 * when its connection breaks (5.0 §4.8.2). A member whose session ends with the connection has its
 * unacknowledged job given to another member; a member with a persistent session is waited for,
 * gets no new jobs while away, and receives the job again (DUP = 1) when it comes back.
 * Checked by src/demos/__tests__/07-shared-subscriptions-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const SHARED = '$share/pool/orders/#';
let scheduler: MqttClient;
let next = 1;

async function publishJobs(count: number): Promise<void> {
  for (let i = 0; i < count; i++, next++) await scheduler.publishAsync(`orders/${next}`, `pack order ${next}`, { qos: 1 });
}

export default defineDemo({
  id: '07-mqtt-5-features/shared-subscription-member-lost',
  title: 'A shared-subscription member fails with a job in flight',
  description:
    'Two packing workers share $share/pool/orders/#. One loses its connection before acknowledging a QoS 1 job: when its session ends the broker gives the job to the other worker; a worker with a persistent session is waited for instead and gets the job again when it returns.',
  steps: [
    {
      title: 'Two workers share the orders',
      explain:
        '`worker-a` and `worker-b` connect with MQTT 5.0 and **Session Expiry Interval 0** (their sessions end with their connections) and subscribe to `$share/pool/orders/#` at QoS 1. ' +
        '`scheduler` publishes orders 1 and 2: one to each worker, each acknowledged with PUBACK.',
      async run(ctx) {
        scheduler = await ctx.client('scheduler');
        next = 1;
        for (const name of ['worker-a', 'worker-b']) {
          const worker = await ctx.client(name);
          await worker.subscribeAsync(SHARED, { qos: 1 });
        }
        await publishJobs(2);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'worker-b’s connection breaks before it acknowledges order 4',
      explain:
        'The broker sends order 3 to `worker-a` and order 4 to `worker-b`. `worker-b`’s PUBACK for order 4 is lost (the *instrument* event), and then its network connection is cut: order 4 was **in flight** — sent, never acknowledged. ' +
        'Because `worker-b`’s session ends with the connection, it can never acknowledge it. 5.0 §4.8.2 says the broker **should** then send the message to another member of the group: order 4 goes out again, now to `worker-a` (the *message queued* event says why). ' +
        'A QoS 2 message would not be moved: the specification forbids it ([MQTT-4.8.2-5]), because part of the exactly-once handshake already happened with the first member.',
      async run(ctx) {
        await ctx.instruments.dropNext('puback', { clientId: 'worker-b', direction: 'in' });
        await publishJobs(2);
        await ctx.untilQuiet();
        await ctx.instruments.cutLink('worker-b');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A persistent member: the broker waits for it',
      explain:
        '`worker-c` joins with a **Session Expiry Interval of 300 s**. Order 5 goes to `worker-a`, order 6 to `worker-c`, whose PUBACK is lost before its connection is cut. ' +
        'This time the session survives, so the broker may wait for `worker-c` to come back (5.0 §4.8.2 allows either choice for QoS 1). Meanwhile it sends the new orders 7 and 8 to the member that is connected, `worker-a`: an offline member gets no new work.',
      async run(ctx) {
        const workerC = await ctx.client('worker-c', { properties: { sessionExpiryInterval: 300 } });
        await workerC.subscribeAsync(SHARED, { qos: 1 });
        await ctx.instruments.dropNext('puback', { clientId: 'worker-c', direction: 'in' });
        await publishJobs(2);
        await ctx.untilQuiet();
        await ctx.instruments.cutLink('worker-c');
        await ctx.untilQuiet();
        await publishJobs(2);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'worker-c returns and gets order 6 again',
      explain:
        '`worker-c` reconnects with Clean Start = 0: **Session Present = 1**, and the broker resends order 6 with **DUP = 1** — a second delivery attempt of the same message. ' +
        '`worker-c` acknowledges it this time. Every order was handled, but order 4 reached two workers and order 6 reached `worker-c` twice: QoS 1 is *at least once*, in a group as anywhere, so a worker must be able to see a job again without doing it twice.',
      async run(ctx) {
        await ctx.client('worker-c', { clean: false, properties: { sessionExpiryInterval: 300 } });
        await ctx.untilQuiet();
      },
    },
  ],
});
