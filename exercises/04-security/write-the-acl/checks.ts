import { receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { publishRefused, subscriptionRefused } from '../../../src/exercise-engine/checks/security.ts';

export const checks = [
  // What must keep working.
  subscribed('devices/sensor-01/cmd', { client: 'sensor-01' }),
  subscribed('devices/+/telemetry', { client: 'dashboard' }),
  receivedBy('dashboard', 'devices/sensor-01/telemetry', { payload: '21.5' }),
  receivedBy('dashboard', 'devices/sensor-02/telemetry', { payload: '19.0' }),
  receivedBy('sensor-01', 'devices/sensor-01/cmd', { payload: 'report-interval 60' }),
  // What the compromised sensor must not get.
  subscriptionRefused('#', { client: 'sensor-02' }),
  subscriptionRefused('devices/+/telemetry', { client: 'sensor-02' }),
  subscriptionRefused('devices/sensor-01/cmd', { client: 'sensor-02' }),
  subscriptionRefused('devices/+/cmd', { client: 'sensor-02' }),
  publishRefused('devices/sensor-01/telemetry', { client: 'sensor-02' }),
  publishRefused('devices/sensor-01/cmd', { client: 'sensor-02' }),
];
