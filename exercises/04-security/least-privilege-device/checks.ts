import { connectedWith, disconnectedCleanly, printed, receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { stayedWithinRights } from '../../../src/exercise-engine/checks/security.ts';

export const checks = [
  connectedWith({ protocolVersion: 5 }),
  stayedWithinRights(),
  subscribed('site/meters/meter-7/config', { qos: 1 }),
  printed('{"interval":30}'),
  receivedBy('operator', 'site/meters/meter-7/reading', { payload: '230.4' }),
  disconnectedCleanly(),
];
