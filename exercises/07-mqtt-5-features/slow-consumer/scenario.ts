import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** plc-7 publishes twelve QoS 1 events in one burst, without waiting for acknowledgements, when the writer says `ready`. */
const scenario: Scenario = async (lab) => {
  const plc = await lab.connect({ clientId: 'plc-7', protocolVersion: 5, clean: true });
  let sent = false;
  plc.on('message', () => {
    if (sent) return;
    sent = true;
    for (let n = 1; n <= 12; n++) plc.publish('plant/line-2/events', JSON.stringify({ n, code: n % 4 === 0 ? 'JAM' : 'CYCLE' }), { qos: 1 });
  });
  await plc.subscribeAsync('plant/line-2/writer', { qos: 1 });
};

export default scenario;
