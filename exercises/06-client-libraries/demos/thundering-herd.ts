/**
 * Module 6 demo: five clients that lose the broker at the same instant. With MQTT.js's fixed
 * reconnectPeriod they come back in lockstep; with exponential backoff and full jitter they
 * spread out. Checked against the real broker by src/demos/__tests__/06-client-libraries-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo, type DemoContext } from '../../../src/demos/define-demo.ts';

const FLEET = ['sensor-1', 'sensor-2', 'sensor-3', 'sensor-4', 'sensor-5'];
const OUTAGE_MS = 2500;
let fleet: MqttClient[] = [];

/** Resolves once every client has connected again. */
const allBack = (clients: MqttClient[]): Promise<unknown> =>
  Promise.all(clients.map((client) => new Promise((resolve) => client.once('connect', resolve))));

/** Takes the broker down: it refuses connections for OUTAGE_MS, then restarts (every link drops at once). */
async function outage(ctx: DemoContext): Promise<void> {
  const back = allBack(fleet);
  await ctx.instruments.refuseConnections(OUTAGE_MS);
  await ctx.restartBroker({ keepSessions: false });
  await back;
  await ctx.untilQuiet();
}

/** Full jitter: a random wait between 0 and min(2000, 100 × 2^attempt) ms. */
function reconnectWithJitter(client: MqttClient): void {
  let attempt = 0;
  client.on('connect', () => {
    attempt = 0;
  });
  client.on('close', () => {
    if (client.disconnecting) return;
    setTimeout(() => client.reconnect(), Math.random() * Math.min(2000, 100 * 2 ** attempt++));
  });
}

export default defineDemo({
  id: '06-client-libraries/thundering-herd',
  title: 'A thundering herd, and how jitter breaks it up',
  description:
    'Five sensors lose the broker at the same instant. With a fixed reconnect period they return together, every second; with exponential backoff and full jitter they spread out. Compare the times of the CONNECT packets.',
  steps: [
    {
      title: 'Five sensors with MQTT.js\'s fixed reconnect period',
      explain:
        'Five sensors connect with `reconnectPeriod: 1000`, MQTT.js\'s default: after a drop, each tries again every second.',
      async run(ctx) {
        fleet = await Promise.all(FLEET.map((id) => ctx.client(id, { reconnectPeriod: 1000 })));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The broker goes down for 2.5 s: they come back in lockstep',
      explain:
        'The broker restarts and refuses connections for 2.5 s (it closes each new connection before CONNACK). All five lost their link at the same instant, so all five try again at the same instant: look at the times of the CONNECTs — five within a few milliseconds at about 1 s, again at 2 s, and at 3 s, when they are let in together. With ten thousand devices each wave is ten thousand handshakes.',
      async run(ctx) {
        await outage(ctx);
      },
    },
    {
      title: 'The same outage with backoff and full jitter',
      explain:
        'Now each sensor reconnects itself (`reconnectPeriod: 0`, then `client.reconnect()` after a random wait up to 100 ms, 200 ms, 400 ms … capped at 2 s). After the same outage the CONNECTs are spread out instead of stacked, the attempts grow further apart, and the sensors get back in one by one.',
      async run(ctx) {
        fleet.forEach((client) => client.end(true));
        fleet = await Promise.all(FLEET.map((id) => ctx.client(`${id}-j`, { reconnectPeriod: 0 })));
        fleet.forEach(reconnectWithJitter);
        await outage(ctx);
      },
    },
  ],
});
