import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** The dashboard that must receive every reading, on the full topic, in order. */
const scenario: Scenario = async (lab) => {
  const dashboard = await lab.connect({ clientId: 'dashboard', protocolVersion: 5 });
  await dashboard.subscribeAsync('plant/hall-b/line-4/press-07/oil-temperature', { qos: 0 });
};

export default scenario;
