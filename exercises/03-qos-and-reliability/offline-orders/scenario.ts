import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/** Orders sent, one every ORDER_INTERVAL_MS, once a worker says it is ready. */
const ORDER_COUNT = 12;
const ORDER_INTERVAL_MS = 100;

/**
 * A dispatcher that waits for `ready` on `shop/workers/status`, then publishes `order-1` …
 * `order-12` to `shop/orders` at QoS 1, one every 100 ms, whether or not the worker is online.
 * The exact topic, not a wildcard: what is graded is the session, not topic matching.
 */
const scenario: Scenario = async (lab) => {
  const dispatcher = await lab.connect({ clientId: 'dispatcher', clean: true });
  let timer: ReturnType<typeof setInterval> | undefined;
  dispatcher.on('message', () => {
    if (timer !== undefined) return;
    let next = 1;
    timer = setInterval(() => {
      dispatcher.publish('shop/orders', `order-${next}`, { qos: 1 });
      if (++next > ORDER_COUNT) clearInterval(timer);
    }, ORDER_INTERVAL_MS);
  });
  await dispatcher.subscribeAsync('shop/workers/status', { qos: 1 });
  return { stop: () => clearInterval(timer) };
};

export default scenario;
