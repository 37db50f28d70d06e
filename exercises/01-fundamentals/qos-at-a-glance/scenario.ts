import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * A display that shows the three `lab/qos/…` topics. It subscribed at QoS 1, so the broker
 * delivers to it at QoS 1 at most, whatever QoS the publisher chose.
 */
const scenario: Scenario = async (lab) => {
  const display = await lab.connect({ clientId: 'display', clean: true });
  await display.subscribeAsync('lab/qos/#', { qos: 1 });
};

export default scenario;
