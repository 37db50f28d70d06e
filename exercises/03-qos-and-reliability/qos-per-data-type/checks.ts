import { disconnectedCleanly, publishHandshake, receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { publishedOnlyAt } from '../../../src/exercise-engine/checks/reliability.ts';

export const checks = [
  publishedOnlyAt('plant/line1/temperature', 0, { count: 3 }),
  publishedOnlyAt('plant/line1/alarm', 1, { count: 1 }),
  publishHandshake({ topic: 'plant/line1/alarm', qos: 1 }),
  publishedOnlyAt('plant/line1/billing', 2, { count: 1 }),
  publishHandshake({ topic: 'plant/line1/billing', qos: 2 }),
  subscribed('plant/line1/billing', { qos: 2 }),
  // Delivered at min(published QoS, granted QoS): 2 only if both hops are QoS 2.
  receivedBy(undefined, 'plant/line1/billing', { qos: 2 }),
  disconnectedCleanly(),
];
