import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * A display that shows the three `lab/qos/…` topics. It subscribed at QoS 1, so the broker
 * delivers to it at QoS 1 at most, whatever QoS the publisher chose.
 */
const scenario: Scenario = async (lab) => {
  const display = await lab.connect({ clientId: 'display', clean: true });
  // Three exact topics rather than `lab/qos/#`: aedes 2.0.0-beta.1 does not downgrade deliveries
  // on wildcard subscriptions (it looks the subscription up by the published topic).
  await display.subscribeAsync(['lab/qos/0', 'lab/qos/1', 'lab/qos/2'], { qos: 1 });
};

export default scenario;
