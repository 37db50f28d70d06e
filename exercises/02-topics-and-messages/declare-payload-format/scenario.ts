import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** A display that shows the greenhouse readings; an MQTT 5.0 client, so it sees the properties. */
const scenario: Scenario = async (lab) => {
  const display = await lab.connect({ clientId: 'display', clean: true, protocolVersion: 5 });
  await display.subscribeAsync('greenhouse/+/reading', { qos: 1 });
};

export default scenario;
