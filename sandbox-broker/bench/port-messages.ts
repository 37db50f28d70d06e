/**
 * `node … sandbox-broker/bench/port-messages.ts`: how many MessagePort messages the port streams
 * post per MQTT message, QoS 0/1/2, in Node (MessageChannel, the same portStream code as in the
 * browser). Each message costs a structured clone and a thread hop in the browser, so this count
 * is what batching changes; unlike msg/s it does not depend on how loaded the machine is.
 */
import { MessageChannel } from 'node:worker_threads';
import { createSandboxBroker } from '../src/index.ts';
import { portStream } from '../src/worker/port-stream.ts';
import type { ClosablePortLike } from '../src/worker/port-like.ts';
import { measure, type QoS } from './measure.ts';

const counts = { brokerSide: 0, clientSide: 0 };

function counted(port: ClosablePortLike, side: keyof typeof counts): ClosablePortLike {
  const post = port.postMessage.bind(port);
  port.postMessage = (message: unknown, transfer: Transferable[]) => {
    counts[side] += 1;
    post(message, transfer);
  };
  return port;
}

const broker = createSandboxBroker({ clock: 'real', sys: false });
await broker.ready;
const openLink = () => {
  const { port1, port2 } = new MessageChannel();
  broker.handle(portStream(counted(port1 as unknown as ClosablePortLike, 'brokerSide')));
  return portStream(counted(port2 as unknown as ClosablePortLike, 'clientSide'));
};
console.log('port messages per MQTT message (publisher + subscriber links), Node MessageChannel');
for (const qos of [0, 1, 2] as QoS[]) {
  const n = 5_000;
  await measure(openLink, qos, 1_000);
  counts.brokerSide = 0;
  counts.clientSide = 0;
  broker.recorder.clear();
  const result = await measure(openLink, qos, n);
  console.log(`QoS ${qos}: broker → clients ${(counts.brokerSide / n).toFixed(2)}, clients → broker ${(counts.clientSide / n).toFixed(2)} (${result.messagesPerSecond} msg/s)`);
}
await broker.close();
