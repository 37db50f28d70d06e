import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * Eight readings; 3 and 6 are sent twice, as a meter does when its link drops before PUBACK
 * arrives and it re-sends. Each copy is a separate QoS 1 publication with its own packet
 * identifier, so the broker forwards both (3.1.1 [MQTT-4.3.2-2]): only the `seq` in the payload
 * tells them apart.
 */
const READINGS = [
  { seq: 1, wh: 120 }, { seq: 2, wh: 95 }, { seq: 3, wh: 130 }, { seq: 3, wh: 130 },
  { seq: 4, wh: 110 }, { seq: 5, wh: 105 }, { seq: 6, wh: 140 }, { seq: 6, wh: 140 },
  { seq: 7, wh: 90 }, { seq: 8, wh: 125 },
];

/** A meter that uploads its readings to `meters/m-17/reading` when `upload` arrives on `meters/m-17/cmd`. */
const scenario: Scenario = async (lab) => {
  const meter = await lab.connect({ clientId: 'meter-17', clean: true });
  meter.on('message', async () => {
    for (const reading of READINGS) {
      await meter.publishAsync('meters/m-17/reading', JSON.stringify(reading), { qos: 1 });
    }
  });
  await meter.subscribeAsync('meters/m-17/cmd', { qos: 1 });
};

export default scenario;
