import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The dispatcher publishes ten jobs at QoS 1 once `ready` arrives on `render/ready`; the ledger
 * subscribes to the reports. Both are peers: the checks look at the learner's workers.
 */
const scenario: Scenario = async (lab) => {
  const ledger = await lab.connect({ clientId: 'ledger', protocolVersion: 5 });
  await ledger.subscribeAsync('render/results/+', { qos: 1 });
  const dispatcher = await lab.connect({ clientId: 'dispatcher', protocolVersion: 5 });
  let dispatched = false;
  dispatcher.on('message', async () => {
    if (dispatched) return;
    dispatched = true;
    for (let n = 1; n <= 10; n++) await dispatcher.publishAsync(`render/jobs/${n}`, `frame ${n}`, { qos: 1 });
  });
  await dispatcher.subscribeAsync('render/ready', { qos: 1 });
};

export default scenario;
