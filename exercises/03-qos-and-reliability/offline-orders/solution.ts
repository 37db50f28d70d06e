import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const handled: string[] = [];
let resolveDone: () => void = () => {};
const done = new Promise<void>((resolve) => { resolveDone = resolve; });

// Clean Start 0 resumes the stored session; the expiry keeps it for 10 minutes after a disconnect.
const options = {
  clientId: 'order-worker',
  protocolVersion: 5,
  clean: false,
  properties: { sessionExpiryInterval: 600 },
} as const;

/** Connects, handling messages from the very first packet after CONNACK: queued orders follow it at once. */
function connectWorker(): Promise<MqttClient> {
  const client = mqtt.connect('mqtt://sandbox', options);
  client.on('message', (_topic, payload) => {
    const order = payload.toString();
    handled.push(order);
    if (order === 'order-12') resolveDone();
  });
  return new Promise((resolve, reject) => {
    client.once('connect', (connack) => {
      console.log(`connected, session present: ${connack.sessionPresent}`);
      resolve(client);
    });
    client.once('error', reject);
  });
}

let client = await connectWorker();
await client.subscribeAsync('shop/orders', { qos: 1 });
await client.publishAsync('shop/workers/status', 'ready', { qos: 1 });

await sleep(350);
await client.endAsync(); // maintenance break: the broker keeps the session and queues QoS 1 orders
await sleep(500);

// Same client id, Clean Start 0: the session, its subscription and the queued orders are still there.
client = await connectWorker();

await done;
await client.endAsync();
export default handled;
