/** The bench's stand-in for the learner's code worker: runs both MQTT.js clients of one measurement. */
import { brokerStreamBuilder } from '../../src/browser/client-stream.ts';
import { measure } from '../measure.ts';
import type { ClientWorkerReply, ClientWorkerRequest } from './protocol.ts';

self.addEventListener('message', (event: MessageEvent<ClientWorkerRequest>) => {
  const { port, qos, count } = event.data;
  measure(brokerStreamBuilder(port), qos, count).then(
    (measurement) => self.postMessage({ ok: true, measurement } satisfies ClientWorkerReply),
    (error: unknown) => self.postMessage({ ok: false, error: String(error) } satisfies ClientWorkerReply),
  );
});
