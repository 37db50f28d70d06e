import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** What the operator sends after the meter's first and second readings. */
const COMMANDS = ['interval=900', 'calibrate'];
/**
 * How long the operator waits after a reading before sending its command: longer than the
 * meter's listening window, so the command finds the meter asleep and the broker must queue it.
 */
const REPLY_DELAY_MS = 500;

/**
 * The operator: subscribed to the meter's readings, it answers the first two with a QoS 1 command
 * on `meters/meter-9/cmd`, half a second later — by which time a well-behaved meter is asleep.
 */
const scenario: Scenario = async (lab) => {
  const operator = await lab.connect({ clientId: 'operator', protocolVersion: 5, clean: true });
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let readings = 0;
  operator.on('message', () => {
    const command = COMMANDS[readings++];
    if (command === undefined) return;
    timers.push(setTimeout(() => operator.publish('meters/meter-9/cmd', command, { qos: 1 }), REPLY_DELAY_MS));
  });
  await operator.subscribeAsync('meters/meter-9/reading', { qos: 1 });
  return { stop: () => timers.forEach(clearTimeout) };
};

export default scenario;
