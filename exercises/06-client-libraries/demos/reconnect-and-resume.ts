/**
 * Module 6 demo: what MQTT.js does after a link cut when the broker kept the session (resume,
 * no resubscribe, queued message delivered), and after a broker restart that lost it (Session
 * Present 0, automatic resubscribe, the message published in the gap gone). Checked against the
 * real broker by src/demos/__tests__/06-client-libraries-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let worker: MqttClient;
let dispatcher: MqttClient;
/** The worker's next reconnection, awaited by the step that shows it. */
let back: Promise<void> = Promise.resolve();

/** Resolves on the worker's next accepted CONNACK: MQTT.js reconnects by itself. */
const nextConnect = (client: MqttClient): Promise<void> => new Promise((resolve) => client.once('connect', () => resolve()));

export default defineDemo({
  id: '06-client-libraries/reconnect-and-resume',
  title: 'Reconnecting: resume a session, or subscribe again',
  description:
    'A worker with a persistent session and MQTT.js automatic reconnection (reconnectPeriod 500 ms) survives a link cut with its session intact, then a broker restart that loses every session. Watch Session Present, the SUBSCRIBE MQTT.js sends — or does not send — and which jobs arrive.',
  steps: [
    {
      title: 'A worker with a session that outlives its connection',
      explain:
        '`worker` connects with Clean Start 0 and a Session Expiry Interval of 300 s (5.0 §3.1.2.11.2), and MQTT.js reconnection on: `reconnectPeriod: 500`. It subscribes to `jobs` at QoS 1. The first CONNACK says **Session Present 0**: there was no session to resume.',
      async run(ctx) {
        worker = await ctx.client('worker', { clean: false, properties: { sessionExpiryInterval: 300 }, reconnectPeriod: 500 });
        await worker.subscribeAsync('jobs', { qos: 1 });
        dispatcher = await ctx.client('dispatcher');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The link is cut; a job is published while the worker is away',
      explain:
        'The sandbox cuts the worker\'s link, as a dead Wi-Fi would: no DISCONNECT, so MQTT.js sees the connection close and schedules a reconnection in 500 ms. Meanwhile `dispatcher` publishes `job-1` at QoS 1. The worker\'s session still holds the subscription, so the broker **queues** the job for it (3.1.1 [MQTT-3.1.2-5]).',
      async run(ctx) {
        back = nextConnect(worker);
        await ctx.instruments.cutLink('worker');
        await dispatcher.publishAsync('jobs', 'job-1', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Back, with the session: no SUBSCRIBE, the queued job arrives',
      explain:
        'Look at the worker\'s second CONNECT (Clean Start 0) and its CONNACK: **Session Present 1** (3.1.1 [MQTT-3.2.2-2], 5.0 §3.2.2.1.1). `job-1` follows at once. There is **no SUBSCRIBE**: MQTT.js resubscribes only when the CONNACK says the session is gone (or with `clean: true`), because here the subscription never went away.',
      async run(ctx) {
        await back;
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The broker restarts and loses every session',
      explain:
        'Now the broker restarts without keeping its sessions (an in-memory broker after a crash). Every link drops at once. `dispatcher2` connects to the new broker and publishes `job-2` before the worker is back: no session holds a subscription to `jobs`, so nobody gets it — it is gone for good.',
      async run(ctx) {
        back = nextConnect(worker);
        await ctx.restartBroker({ keepSessions: false });
        dispatcher = await ctx.client('dispatcher2');
        await dispatcher.publishAsync('jobs', 'job-2', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Session Present 0: MQTT.js subscribes again by itself',
      explain:
        'The worker reconnects with Clean Start 0 but the CONNACK says **Session Present 0**: the broker has nothing for it. MQTT.js, with its default `resubscribe: true`, sends **SUBSCRIBE `jobs`** right after — the topics it remembers from this client object. `job-3`, published now, arrives; `job-2` never will. Paho Python does not do this for you: you subscribe in `on_connect`, which runs after every connection.',
      async run(ctx) {
        await back;
        await ctx.untilQuiet();
        await dispatcher.publishAsync('jobs', 'job-3', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
