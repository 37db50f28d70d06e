import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

const TOPIC = 'factory/building-7/line-3/sensor-0042/climate';
/** The readings the prompt asks for. */
const EXPECTED = 10;
/** How long the dashboard keeps listening after the last message, once the sensor has finished. */
const QUIET_MS = 500;
/** The longest the dashboard listens after the sensor has finished, whatever arrives. */
const LISTEN_CAP_MS = 3000;

/**
 * The dashboard: subscribed to the sensor's full topic at QoS 0 before the learner's code runs.
 * It never sees an alias (it announced no Topic Alias Maximum), so whatever the sensor does to
 * save bytes on its own link, the dashboard receives the full topic name. The checks decode what
 * the broker delivered to it.
 *
 * At QoS 0 the sensor learns nothing of delivery and may disconnect while the broker is still
 * forwarding its last readings, so when the run ends the dashboard keeps listening until all ten
 * have arrived, or nothing has arrived for a moment.
 */
const scenario: Scenario = async (lab) => {
  const dashboard = await lab.connect({ clientId: 'dashboard', protocolVersion: 5, clean: true });
  let received = 0;
  let lastMessageAt = Date.now();
  dashboard.on('message', () => {
    received += 1;
    lastMessageAt = Date.now();
  });
  await dashboard.subscribeAsync(TOPIC, { qos: 0 });
  return {
    stop: () => new Promise<void>((resolve) => {
      const stopAt = Date.now();
      const poll = setInterval(() => {
        const now = Date.now();
        if (received >= EXPECTED || now - Math.max(lastMessageAt, stopAt) >= QUIET_MS || now - stopAt >= LISTEN_CAP_MS) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    }),
  };
};

export default scenario;
