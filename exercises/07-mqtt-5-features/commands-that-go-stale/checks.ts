import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { everyPublishCarries, returnedUserPropertyValues, staleMessageNotDelivered } from '../../../src/exercise-engine/checks/message-properties.ts';

const COMMANDS = 'devices/pump-4/commands';

export const checks = [
  everyPublishCarries(COMMANDS, { messageExpiryInterval: 2, userProperties: ['trace-id'], contentType: 'application/json' }),
  staleMessageNotDelivered({ topic: COMMANDS, payload: '{"speed":80}', to: 'pump-4' }),
  receivedBy('pump-4', COMMANDS, { payload: '{"speed":40}' }),
  returnedUserPropertyValues({ topic: 'devices/pump-4/acks', from: 'pump-4', name: 'trace-id' }),
];
