import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { ownMessagesNotEchoed, retainedSentOnlyForNewSubscription, subscribedWithOptions } from '../../../src/exercise-engine/checks/mqtt5-features.ts';

export const checks = [
  subscribedWithOptions('chat/lobby/+', { nl: true }),
  ownMessagesNotEchoed('chat/lobby/+'),
  retainedSentOnlyForNewSubscription('chat/lobby/pinned'),
  receivedBy(undefined, 'chat/lobby/grace', { payload: 'welcome back, Ada' }),
];
