import { publishHandshake } from '../../../src/exercise-engine/checks/index.ts';
import {
  noRetainedAfterClear, notReceived, receivedRetained, retainedCleared,
} from '../../../src/exercise-engine/checks/topics-and-messages.ts';

const TOPIC = 'home/hall/thermostat/setpoint';

export const checks = [
  // Two publishes to one topic: the ids name the step, since the helper keys on topic and QoS.
  { ...publishHandshake({ topic: TOPIC, qos: 1, payload: '20', retain: true }), id: 'set-retained' },
  { ...publishHandshake({ topic: TOPIC, qos: 1, payload: '22.5', retain: true }), id: 'replace-retained' },
  receivedRetained({ topic: TOPIC, payload: '22.5', to: 'dashboard' }),
  notReceived({ topic: TOPIC, payload: '20', to: 'dashboard', because: 'the broker keeps one retained message per topic, and 22.5 replaced it' }),
  retainedCleared({ topic: TOPIC }),
  noRetainedAfterClear({ topic: TOPIC }),
];
