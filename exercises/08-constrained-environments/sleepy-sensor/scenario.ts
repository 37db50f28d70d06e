import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** How long after a reading the controller answers: long enough for the sensor to be asleep. */
const ANSWER_AFTER_MS = 300;

/**
 * A greenhouse controller (an MQTT client on the broker side of the gateway): it listens to
 * sensor-7's readings and answers each with a QoS 1 command, a little later.
 */
const scenario: Scenario = async (lab) => {
  const controller = await lab.connect({ clientId: 'controller', clean: true });
  const timers: ReturnType<typeof setTimeout>[] = [];
  controller.on('message', () => {
    timers.push(setTimeout(() => controller.publish('greenhouse/sensor-7/cmd', 'vent 40%', { qos: 1 }), ANSWER_AFTER_MS));
  });
  await controller.subscribeAsync('greenhouse/sensor-7/temp', { qos: 1 });
  return { stop: () => timers.forEach(clearTimeout) };
};

export default scenario;
