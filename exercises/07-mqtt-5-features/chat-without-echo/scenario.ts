import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The lobby: its rules pinned as a retained message, and Grace, who answers every message Ada
 * posts (on her own topic, `chat/lobby/grace`).
 */
const scenario: Scenario = async (lab) => {
  const moderator = await lab.connect({ clientId: 'moderator', protocolVersion: 5, clean: true });
  await moderator.publishAsync('chat/lobby/pinned', 'Rules: be kind, no spam.', { qos: 1, retain: true });
  await moderator.endAsync();
  const grace = await lab.connect({ clientId: 'grace', protocolVersion: 5, clean: true });
  const answers = ['hi Ada!', 'welcome back, Ada'];
  let next = 0;
  grace.on('message', (topic) => {
    if (topic !== 'chat/lobby/ada') return;
    grace.publish('chat/lobby/grace', answers[next] ?? 'hi again', { qos: 1 });
    next += 1;
  });
  await grace.subscribeAsync('chat/lobby/ada', { qos: 1 });
};

export default scenario;
