import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { notDelivered } from '../../../src/exercise-engine/checks/brokers.ts';

export const checks = [
  // Out: the shop's readings reach head office under the shop's prefix, at QoS 1.
  receivedBy('central', 'shops/shop-7/sensors/fridge-1/temp', { payload: '4.2', qos: 1 }),
  // In: head office's commands for shop 7 reach the shop without the prefix, at QoS 1.
  receivedBy('device', 'cmd/defrost', { payload: 'fridge-1', qos: 1 }),
  // Nothing else crosses.
  notDelivered({ topic: '#', to: 'central', payload: 'drawer opened', because: 'internal traffic stays in the shop' }),
  notDelivered({ topic: '#', to: 'device', payload: 'for shop 8 only', because: 'other shops\' commands stay at head office' }),
  notDelivered({ topic: 'sensors/#', to: 'central', because: 'head office sees readings only under the shop\'s prefix' }),
];
