import { returned } from '../../../src/exercise-engine/checks/outcome.ts';
import {
  snDisconnected, snPublishedWithTopicId, snReceivedOnWake, snRegistered, snSlept, snSubscribed,
} from '../../../src/exercise-engine/checks/mqtt-sn.ts';

export const checks = [
  snSubscribed('greenhouse/sensor-7/cmd', { qos: 1, client: 'sensor-7' }),
  snRegistered('greenhouse/sensor-7/temp', { client: 'sensor-7' }),
  snPublishedWithTopicId('greenhouse/sensor-7/temp', { qos: 1, client: 'sensor-7' }),
  snSlept({ client: 'sensor-7' }),
  snReceivedOnWake('greenhouse/sensor-7/cmd', { client: 'sensor-7' }),
  snDisconnected({ client: 'sensor-7' }),
  returned(['vent 40%']),
];
