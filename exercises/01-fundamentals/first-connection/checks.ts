import {
  connectedWith, delivered, disconnectedCleanly, printed, publishAcknowledged, subscribed,
} from '../../../src/exercise-engine/checks/index.ts';

export const checks = [
  connectedWith({ cleanStart: true, clientIdChosen: true }),
  subscribed('lab/hello', { qos: 1 }),
  publishAcknowledged({ topic: 'lab/hello', qos: 1, payload: 'hello, MQTT' }),
  delivered({ topic: 'lab/hello', payload: 'hello, MQTT' }),
  printed('hello, MQTT'),
  disconnectedCleanly(),
];
