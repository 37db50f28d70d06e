import { publishHandshake, receivedBy, willPublishedAfterLinkCut } from '../../../src/exercise-engine/checks/index.ts';
import { connectedWithWill, receivedRetained } from '../../../src/exercise-engine/checks/topics-and-messages.ts';

const STATUS = 'devices/pump-7/status';

export const checks = [
  connectedWithWill({ topic: STATUS, payload: 'offline', qos: 1, retain: true, client: 'pump-7' }),
  publishHandshake({ topic: STATUS, qos: 1, payload: 'online', retain: true, client: 'pump-7' }),
  willPublishedAfterLinkCut({ topic: STATUS, client: 'pump-7' }),
  receivedBy('presence-monitor', STATUS, { payload: 'offline', qos: 1 }),
  receivedRetained({ topic: STATUS, payload: 'offline', to: 'late-monitor' }),
];
