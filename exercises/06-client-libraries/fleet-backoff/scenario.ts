import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

const FLEET_SIZE = 5;
const OUTAGE_MS = 3000;

/**
 * Waits until all five sensors have said `online`, then takes the broker down: it refuses every
 * connection for 3 s and restarts, which drops the whole fleet at the same instant — the moment a
 * fixed reconnect period turns into a thundering herd.
 */
const scenario: Scenario = async (lab) => {
  // No automatic reconnect: the watcher's own attempts would crowd the record of the outage.
  const watcher = await lab.connect({ clientId: 'watcher', reconnectPeriod: 0 });
  const online = new Set<string>();
  let staged = false;
  watcher.on('message', (topic, payload) => {
    if (payload.toString() === 'online') online.add(topic);
    if (staged || online.size < FLEET_SIZE) return;
    staged = true;
    void lab.refuseConnections(OUTAGE_MS).then(() => lab.restartBroker({ keepSessions: false }));
  });
  await watcher.subscribeAsync('fleet/+/status', { qos: 1 });
};

export default scenario;
