import {
  disconnectedCleanly, publishHandshake, receivedBy,
} from '../../../src/exercise-engine/checks/index.ts';

export const checks = [
  publishHandshake({ topic: 'lab/qos/0', qos: 0 }),
  publishHandshake({ topic: 'lab/qos/1', qos: 1 }),
  publishHandshake({ topic: 'lab/qos/2', qos: 2 }),
  // The display subscribed at QoS 1: the broker delivers the QoS 2 message to it at QoS 1.
  receivedBy('display', 'lab/qos/2', { qos: 1 }),
  disconnectedCleanly(),
];
