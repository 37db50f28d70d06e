import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** A presence monitor that watches the status topic of every device. */
const scenario: Scenario = async (lab) => {
  const monitor = await lab.connect({ clientId: 'presence-monitor', clean: true });
  await monitor.subscribeAsync('devices/+/status', { qos: 1 });
};

export default scenario;
