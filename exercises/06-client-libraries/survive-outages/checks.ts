import { connectedWith, disconnectedCleanly } from '../../../src/exercise-engine/checks/index.ts';
import { noMessageLostWhileOffline, returnedEachDeliveryOnce, sessionResumed } from '../../../src/exercise-engine/checks/reliability.ts';
import { cameBackAfterEveryFault, receivedEveryPayload, unacknowledgedResent } from '../../../src/exercise-engine/checks/reconnection.ts';

const readings = Array.from({ length: 30 }, (_, index) => `reading-${index + 1}`);

export const checks = [
  connectedWith({ client: 'meter-7', cleanStart: false }),
  cameBackAfterEveryFault({ client: 'meter-7' }),
  sessionResumed({ client: 'meter-7' }),
  unacknowledgedResent({ client: 'meter-7', topic: 'plant/meter-7/energy' }),
  receivedEveryPayload('dashboard', 'plant/meter-7/energy', readings),
  noMessageLostWhileOffline({ topic: 'plant/meter-7/cmd', from: 'controller', client: 'meter-7' }),
  returnedEachDeliveryOnce('plant/meter-7/cmd', { client: 'meter-7' }),
  disconnectedCleanly({ client: 'meter-7' }),
];
