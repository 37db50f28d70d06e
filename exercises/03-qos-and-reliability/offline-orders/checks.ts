import { connectedWith, disconnectedCleanly, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import {
  noMessageLostWhileOffline, returnedEachDeliveryOnce, sessionResumed,
} from '../../../src/exercise-engine/checks/reliability.ts';

export const checks = [
  connectedWith({ client: 'order-worker', cleanStart: false }),
  subscribed('shop/orders', { qos: 1, client: 'order-worker' }),
  sessionResumed({ client: 'order-worker' }),
  noMessageLostWhileOffline({ topic: 'shop/orders', from: 'dispatcher', client: 'order-worker' }),
  returnedEachDeliveryOnce('shop/orders', { client: 'order-worker' }),
  disconnectedCleanly({ client: 'order-worker' }),
];
