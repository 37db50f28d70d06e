import { receivedAll } from '../../../src/exercise-engine/checks/shared-and-aliases.ts';
import { refusedPublishesNotRetried, returnedRefusedTopics } from '../../../src/exercise-engine/checks/reason-codes.ts';

export const checks = [
  // The three messages within the gateway's rights reach the dashboard, however many were refused.
  receivedAll('dashboard', 'plant/#', ['21.4', '1.7', '22.0']),
  refusedPublishesNotRetried({ reasonCode: 0x87 }),
  returnedRefusedTopics({ reasonCode: 0x87 }),
];
