import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** The plant dashboard: reads everything under `plant/` at QoS 1, so it shows what got through. */
const scenario: Scenario = async (lab) => {
  const dashboard = await lab.connect({ clientId: 'dashboard', protocolVersion: 5, clean: true });
  await dashboard.subscribeAsync('plant/#', { qos: 1 });
};

export default scenario;
