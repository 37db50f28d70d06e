import { subscribed } from '../../../src/exercise-engine/checks/index.ts';
import {
  noMessageLostWhileOffline, returnedEachDeliveryOnce, sessionResumed,
} from '../../../src/exercise-engine/checks/reliability.ts';
import {
  acknowledgedEveryDelivery, keepAliveBetween, sessionOutlivesSleep, wokeAndSleptCleanly,
} from '../../../src/exercise-engine/checks/constrained.ts';

const meter = { client: 'meter-9' } as const;

export const checks = [
  wokeAndSleptCleanly(3, 'meters/meter-9/reading', meter),
  sessionOutlivesSleep(3600, meter),
  keepAliveBetween(300, 540, meter),
  subscribed('meters/meter-9/cmd', { qos: 1, client: 'meter-9' }),
  sessionResumed(meter),
  noMessageLostWhileOffline({ topic: 'meters/meter-9/cmd', from: 'operator', client: 'meter-9' }),
  acknowledgedEveryDelivery('meters/meter-9/cmd', meter),
  returnedEachDeliveryOnce('meters/meter-9/cmd', meter),
];
