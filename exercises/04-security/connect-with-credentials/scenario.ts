import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** The collector that reads every meter: it logs in with its own credentials. */
const scenario: Scenario = async (lab) => {
  const collector = await lab.connect({
    clientId: 'collector', username: 'collector', password: 'collector-pw', protocolVersion: 5, reconnectPeriod: 0,
  });
  let gotReading: () => void = () => undefined;
  const reading = new Promise<void>((resolve) => {
    gotReading = resolve;
  });
  collector.on('message', () => gotReading());
  await collector.subscribeAsync('site/meters/+/reading', { qos: 1 });
  // The run can end as soon as the meter disconnects: let a reading already on its way arrive.
  return { stop: () => Promise.race([reading, new Promise<void>((resolve) => setTimeout(resolve, 300))]) };
};

export default scenario;
