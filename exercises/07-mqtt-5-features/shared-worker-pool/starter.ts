import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const JOBS = 10;
let done = 0;
let finish: () => void = () => {};
const allDone = new Promise<void>((resolve) => (finish = resolve));

async function startWorker(name: string) {
  const worker = mqtt.connect('mqtt://sandbox', { clientId: name, protocolVersion: 5 });
  const connack = await new Promise<IConnackPacket>((resolve) => worker.once('connect', resolve));
  // TODO: check that the broker offers shared subscriptions before relying on them.
  console.log(name, 'CONNACK properties', connack.properties);
  worker.on('message', async (topic, payload) => {
    const n = topic.split('/').pop();
    console.log(`${name} renders ${payload}`);
    await worker.publishAsync(`render/results/${n}`, `${payload} done`, { qos: 1 });
    if (++done === JOBS) finish();
  });
  // TODO: both workers get every job this way. Make them one group.
  await worker.subscribeAsync('render/jobs/+', { qos: 1 });
  return worker;
}

const worker1 = await startWorker('worker-1');
const worker2 = await startWorker('worker-2');
await worker1.publishAsync('render/ready', 'ready', { qos: 1 });
await Promise.race([allDone, new Promise((resolve) => setTimeout(resolve, 2000))]);
await worker1.endAsync();
await worker2.endAsync();
