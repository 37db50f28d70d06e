import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The site operator: it keeps meter-7's configuration as a retained message and collects the
 * readings of every meter, with its own (wider, but still limited) rights.
 */
const scenario: Scenario = async (lab) => {
  const operator = await lab.connect({
    clientId: 'operator', username: 'operator', password: 'op-secret', protocolVersion: 5, reconnectPeriod: 0,
  });
  let gotReading: () => void = () => undefined;
  const reading = new Promise<void>((resolve) => {
    gotReading = resolve;
  });
  operator.on('message', (topic) => {
    if (topic === 'site/meters/meter-7/reading') gotReading();
  });
  await operator.subscribeAsync('site/meters/+/reading', { qos: 1 });
  await operator.publishAsync('site/meters/meter-7/config', '{"interval":30}', { qos: 1, retain: true });
  // The run can end as soon as the meter disconnects: let a reading already on its way arrive.
  return { stop: () => Promise.race([reading, new Promise<void>((resolve) => setTimeout(resolve, 300))]) };
};

export default scenario;
