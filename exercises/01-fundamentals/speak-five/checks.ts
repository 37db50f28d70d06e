import { connectedWith, disconnectedCleanly, printed, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { connectProperty, subscriptionRefused } from '../../../src/exercise-engine/checks/fundamentals.ts';

export const checks = [
  connectedWith({ protocolVersion: 5, cleanStart: true, clientIdChosen: true }),
  connectProperty('sessionExpiryInterval', 300),
  // The broker's CONNACK announces Receive Maximum 20 (exercise.yaml); 3.1.1 has no CONNACK properties.
  { ...printed(/receiveMaximum\W{1,4}20\b/), title: 'Printed the CONNACK properties, including receiveMaximum: 20' },
  subscribed('factory/public/status', { qos: 1 }),
  subscriptionRefused('factory/secret/valves', { reasonCode: 0x87 }),
  { ...printed(/\b(0x87|135)\b/i), title: 'Printed the reason code that refused factory/secret/valves (0x87 = 135)' },
  disconnectedCleanly(),
];
