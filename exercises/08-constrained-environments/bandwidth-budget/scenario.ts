import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The dashboard: subscribed to the sensor's full topic at QoS 0 before the learner's code runs.
 * It never sees an alias (it announced no Topic Alias Maximum), so whatever the sensor does to
 * save bytes on its own link, the dashboard receives the full topic name. The checks decode what
 * the broker delivered to it.
 */
const scenario: Scenario = async (lab) => {
  const dashboard = await lab.connect({ clientId: 'dashboard', protocolVersion: 5, clean: true });
  await dashboard.subscribeAsync('factory/building-7/line-3/sensor-0042/climate', { qos: 0 });
};

export default scenario;
