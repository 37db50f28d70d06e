import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { declaredPayloadFormat } from '../../../src/exercise-engine/checks/topics-and-messages.ts';

export const checks = [
  declaredPayloadFormat({ topic: 'greenhouse/north/reading', utf8: true, contentType: 'application/json', json: true }),
  declaredPayloadFormat({ topic: 'greenhouse/south/reading', utf8: false, contentType: 'application/octet-stream' }),
  receivedBy('display', 'greenhouse/north/reading', { payload: '{"temperature":21.5,"humidity":64}' }),
  receivedBy('display', 'greenhouse/south/reading'),
];
