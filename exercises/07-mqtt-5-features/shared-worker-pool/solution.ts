import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const JOBS = 10;
let done = 0;
let finish: () => void = () => {};
const allDone = new Promise<void>((resolve) => (finish = resolve));

async function startWorker(name: string) {
  const worker = mqtt.connect('mqtt://sandbox', { clientId: name, protocolVersion: 5 });
  const connack = await new Promise<IConnackPacket>((resolve) => worker.once('connect', resolve));
  // An absent property means "available": only an explicit false says no (5.0 §3.2.2.3.13).
  if (connack.properties?.sharedSubscriptionAvailable === false) throw new Error('this broker has no shared subscriptions');
  worker.on('message', async (topic, payload) => {
    const n = topic.split('/').pop();
    console.log(`${name} renders ${payload}`);
    await worker.publishAsync(`render/results/${n}`, `${payload} done`, { qos: 1 });
    if (++done === JOBS) finish();
  });
  // One group, "renderers": each job goes to one of its members.
  await worker.subscribeAsync('$share/renderers/render/jobs/+', { qos: 1 });
  return worker;
}

const worker1 = await startWorker('worker-1');
const worker2 = await startWorker('worker-2');
await worker1.publishAsync('render/ready', 'ready', { qos: 1 });
await allDone;
await worker1.endAsync();
await worker2.endAsync();
