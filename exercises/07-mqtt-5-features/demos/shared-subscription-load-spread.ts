/**
 * Module 7 demo: three workers share one subscription, `$share/renderers/jobs/render/+`, and an
 * audit client subscribes to the same filter without sharing. Each job reaches exactly one worker
 * (the sandbox broker picks them in turn) while the audit client gets every job; a retained message
 * is not sent to the shared subscription; a worker that leaves mid-stream stops getting work and the
 * others take its share (5.0 §4.8.2). Backs the quiz's predict-then-observe question
 * "shared-member-leaves". Checked by src/demos/__tests__/07-shared-subscriptions-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const SHARED = '$share/renderers/jobs/render/+';
let scheduler: MqttClient;
let worker3: MqttClient;

async function publishFrames(from: number, to: number, between?: (frame: number) => Promise<void>): Promise<void> {
  for (let frame = from; frame <= to; frame++) {
    await scheduler.publishAsync(`jobs/render/frame-${String(frame).padStart(2, '0')}`, `render frame ${frame}`, { qos: 1 });
    await between?.(frame);
  }
}

export default defineDemo({
  id: '07-mqtt-5-features/shared-subscription-load-spread',
  title: 'A shared subscription spreads jobs across a group',
  description:
    'Three render workers join the shared subscription $share/renderers/jobs/render/+ while an audit client subscribes to jobs/render/+ on its own. Fifteen jobs are published; each reaches exactly one worker, the audit client sees them all, and a worker that leaves mid-stream stops getting work.',
  steps: [
    {
      title: 'Three workers join the group, an auditor subscribes on its own',
      explain:
        'First `scheduler` publishes a **retained** message on `jobs/render/settings`. Then `worker-1`, `worker-2` and `worker-3` connect with MQTT 5.0 — open a CONNACK: **Shared Subscription Available = 1** — and each subscribes to `$share/renderers/jobs/render/+` at QoS 1: the group `renderers`, the filter `jobs/render/+`. ' +
        '`audit` subscribes to the plain filter `jobs/render/+`.\n\n' +
        'Only `audit` receives the retained message, with RETAIN = 1: a retained message is **not** sent when a shared subscription is made (5.0 §4.8.2).',
      async run(ctx) {
        scheduler = await ctx.client('scheduler');
        await scheduler.publishAsync('jobs/render/settings', 'quality=high', { qos: 1, retain: true });
        for (const name of ['worker-1', 'worker-2', 'worker-3']) {
          const worker = await ctx.client(name);
          await worker.subscribeAsync(SHARED, { qos: 1 });
          if (name === 'worker-3') worker3 = worker;
        }
        const audit = await ctx.client('audit');
        await audit.subscribeAsync('jobs/render/+', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Nine jobs: three for each worker, nine for the auditor',
      explain:
        '`scheduler` publishes nine jobs, `jobs/render/frame-01` to `frame-09`, at QoS 1. Count the PUBLISH packets going out to each client — in the packet view, pick a client in *Filter by client* and PUBLISH in the type filter:\n\n' +
        '- `worker-1`: frames 1, 4, 7 — **3**\n- `worker-2`: frames 2, 5, 8 — **3**\n- `worker-3`: frames 3, 6, 9 — **3**\n- `audit`: all **9**\n\n' +
        'Each message goes to **one** member of the group; a non-shared subscription still gets its own copy. The specification leaves the choice of member to the broker; this one takes the connected members in turn (round-robin). ' +
        'The workers receive the real topic, `jobs/render/frame-04`, not the `$share/…` filter.',
      async run(ctx) {
        await publishFrames(1, 9);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'worker-3 leaves mid-stream',
      explain:
        'Six more jobs, frames 10 to 15. Right after frame 12 reaches it, `worker-3` sends **DISCONNECT**; its session had Session Expiry Interval 0, so it ends, and with it `worker-3`’s membership. ' +
        'From frame 13 on, the group has two members and they share the work:\n\n' +
        '- `worker-1`: frames 10, 13, 15 — **6** jobs in all\n- `worker-2`: frames 11, 14 — **5** in all\n- `worker-3`: frame 12 — **4** in all, none after it left\n- `audit`: all **15**\n\n' +
        'No job was lost or duplicated: 6 + 5 + 4 = 15. Members can join and leave at any time without the publisher noticing — that is what makes a shared subscription a way to scale consumers.',
      async run(ctx) {
        await publishFrames(10, 15, async (frame) => {
          if (frame !== 12) return;
          await ctx.untilQuiet();
          await worker3.endAsync();
          await ctx.untilQuiet();
        });
        await ctx.untilQuiet();
      },
    },
  ],
});
