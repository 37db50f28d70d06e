import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { connectedToNode, deliveriesAcknowledged } from '../../../src/exercise-engine/checks/brokers.ts';

export const checks = [
  // The first server of the list, then — after node-a failed — the next one, resuming the session.
  connectedToNode('node-a', { client: 'device-17' }),
  connectedToNode('node-b', { client: 'device-17', nth: 'any-later', sessionPresent: true }),
  // Every command sent while the client was away, delivered at QoS 1…
  receivedBy('device-17', 'cmd/device-17/valve', { payload: 'open valve 3', qos: 1 }),
  receivedBy('device-17', 'cmd/device-17/speed', { payload: 'set speed 40', qos: 1 }),
  receivedBy('device-17', 'cmd/device-17/report', { payload: 'report now', qos: 1 }),
  // …and acknowledged, so the cluster has nothing left to send again.
  deliveriesAcknowledged({ client: 'device-17' }),
];
