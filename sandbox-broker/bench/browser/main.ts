/**
 * The browser half of `npm run bench:broker`: the sandbox broker in a module Web Worker (as on the
 * site), with the MQTT.js clients either on the page or in another worker (as the learner's are).
 */
import { startBrokerWorker } from '../../src/browser/broker-host.ts';
import { brokerStreamBuilder } from '../../src/browser/client-stream.ts';
import { measure, type Measurement, type QoS } from '../measure.ts';
import type { ClientPlace, ClientWorkerReply, ClientWorkerRequest } from './protocol.ts';

const host = startBrokerWorker({ clock: 'real', sys: false });
// The record streams to the page during the run, as it does for the live packet view.
let entriesSeen = 0;
host.onEntry(() => {
  entriesSeen += 1;
});

async function measureOnPage(qos: QoS, count: number): Promise<Measurement> {
  const port = host.openClientPort();
  try {
    return await measure(brokerStreamBuilder(port), qos, count);
  } finally {
    await host.closeClientPort(port);
  }
}

function measureInWorker(qos: QoS, count: number): Promise<Measurement> {
  const worker = new Worker(new URL('./client-worker.ts', import.meta.url), { type: 'module' });
  const port = host.openClientPort();
  return new Promise<Measurement>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<ClientWorkerReply>) => {
      if (event.data.ok) resolve(event.data.measurement);
      else reject(new Error(event.data.error));
    });
    worker.postMessage({ port, qos, count } satisfies ClientWorkerRequest, [port]);
  }).finally(() => {
    worker.terminate();
    void host.closeClientPort(port);
  });
}

async function runMeasurement(place: ClientPlace, qos: QoS, count: number): Promise<Measurement & { entriesSeen: number }> {
  // Each measurement starts from an empty record, as a run on the site does.
  await host.clear();
  entriesSeen = 0;
  const measurement = place === 'page' ? await measureOnPage(qos, count) : await measureInWorker(qos, count);
  return { ...measurement, entriesSeen };
}

Object.assign(window, { runMeasurement });
