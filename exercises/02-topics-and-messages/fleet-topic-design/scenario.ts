import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';
import { FLEET_TOPICS } from './fleet.ts';

/**
 * A factory simulator that publishes on every topic of the tree every 50 ms, and press-01, which
 * listens for commands on its own `cmd` subtree.
 */
const scenario: Scenario = async (lab) => {
  const press = await lab.connect({ clientId: 'press-01', clean: true });
  await press.subscribeAsync('factory/line1/press-01/cmd/+', { qos: 1 });
  const simulator = await lab.connect({ clientId: 'simulator', clean: true });
  let round = 0;
  const timer = setInterval(() => {
    round += 1;
    for (const topic of FLEET_TOPICS) simulator.publish(topic, JSON.stringify({ round }), { qos: 0 });
  }, 50);
  return { stop: () => clearInterval(timer) };
};

export default scenario;
