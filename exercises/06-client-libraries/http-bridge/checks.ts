import { disconnectedCleanly, receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import {
  acknowledgedAfterForwarding, commandsBridged, everyMessageForwarded, retriedServerErrors,
} from '../../../src/exercise-engine/checks/bridging.ts';

const readings = {
  from: 'field-sensors',
  topic: 'site/+/temperature',
  method: 'POST',
  path: '/api/readings',
  keyFields: ['sensor', 'seq', 'celsius'],
} as const;

export const checks = [
  subscribed('site/+/temperature', { qos: 1, client: 'http-bridge' }),
  everyMessageForwarded(readings),
  retriedServerErrors({ method: 'POST', path: '/api/readings' }),
  acknowledgedAfterForwarding({ ...readings, client: 'http-bridge' }),
  commandsBridged({ listPath: '/api/commands', topic: 'site/{device}/commands', ackPath: '/api/commands/{id}/ack', client: 'http-bridge' }),
  receivedBy('device-s2', 'site/s2/commands'),
  disconnectedCleanly({ client: 'http-bridge' }),
];
