import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const handled: string[] = [];
let resolveDone: () => void = () => {};
const done = new Promise<void>((resolve) => { resolveDone = resolve; });

// TODO: these options start a fresh session on every connection.
const options = { clientId: 'order-worker', clean: true };

/** Connects, handling messages from the very first packet after CONNACK. */
function connectWorker(): Promise<MqttClient> {
  const client = mqtt.connect('mqtt://sandbox', options);
  client.on('message', (_topic, payload) => {
    const order = payload.toString();
    handled.push(order);
    if (order === 'order-12') resolveDone();
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

let client = await connectWorker();
await client.subscribeAsync('shop/orders', { qos: 1 });
await client.publishAsync('shop/workers/status', 'ready', { qos: 1 });

await sleep(350);
await client.endAsync(); // maintenance break
await sleep(500);

client = await connectWorker();
// TODO: with a clean session the subscription is gone too.
await client.subscribeAsync('shop/orders', { qos: 1 });

await done;
await client.endAsync();
export default handled;
