import { everyDeliveryAcknowledged, inFlightToClientAtMost } from '../../../src/exercise-engine/checks/mqtt5-features.ts';

export const checks = [
  inFlightToClientAtMost(3, { atLeast: 12 }),
  everyDeliveryAcknowledged('plant/line-2/events', 12),
];
