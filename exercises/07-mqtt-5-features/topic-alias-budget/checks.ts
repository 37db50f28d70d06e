import { connectedWith } from '../../../src/exercise-engine/checks/index.ts';
import { publishBytesWithin, receivedAll, topicAliasesWithinMaximum } from '../../../src/exercise-engine/checks/shared-and-aliases.ts';

const TOPIC = 'plant/hall-b/line-4/press-07/oil-temperature';
const READINGS = ['61.2', '61.4', '61.3', '61.7', '62.0', '62.4', '62.9', '63.1', '63.0', '63.4', '63.8', '64.1', '64.0', '63.7', '63.5', '63.6', '63.2', '62.8', '62.5', '62.3'];

export const checks = [
  connectedWith({ protocolVersion: 5 }),
  publishBytesWithin({ topic: TOPIC, maxBytes: 300, count: READINGS.length }),
  topicAliasesWithinMaximum(),
  receivedAll('dashboard', TOPIC, READINGS, { inOrder: true }),
];
