import { connectedWith } from '../../../src/exercise-engine/checks/index.ts';
import { eachMessageToOneMember, receivedAll, sharedSubscriptionJoined } from '../../../src/exercise-engine/checks/shared-and-aliases.ts';

const REPORTS = Array.from({ length: 10 }, (_, i) => `frame ${i + 1} done`);

export const checks = [
  connectedWith({ protocolVersion: 5 }),
  sharedSubscriptionJoined('render/jobs/+', { members: 2 }),
  eachMessageToOneMember({ topic: 'render/jobs/+', from: 'dispatcher', members: 2 }),
  receivedAll('ledger', 'render/results/+', REPORTS),
];
