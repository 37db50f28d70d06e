import { publishHandshake, receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { receivedExactlyTopics } from '../../../src/exercise-engine/checks/topics-and-messages.ts';
import { DASHBOARD_TOPICS, STOP_COMMAND } from './fleet.ts';

export const checks = [
  receivedExactlyTopics({ topics: DASHBOARD_TOPICS }),
  publishHandshake({ topic: STOP_COMMAND, qos: 1, payload: 'stop' }),
  receivedBy('press-01', STOP_COMMAND, { payload: 'stop' }),
];
