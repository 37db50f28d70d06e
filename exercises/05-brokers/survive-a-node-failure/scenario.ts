import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The operator console on node-b waits for the device's `online`, then node-a fails and three
 * commands are sent while the device is away. `stop()` brings node-a back for the next run's
 * sake (the broker is fresh each run anyway).
 */
const scenario: Scenario = async (lab) => {
  const ops = await lab.connect({ clientId: 'ops', protocolVersion: 5, reconnectPeriod: 0, servers: [{ host: 'node-b', port: 1883 }] });
  await ops.subscribeAsync('status/device-17', { qos: 1 });
  let failed = false;
  ops.on('message', (_topic, payload) => {
    if (failed || payload.toString() !== 'online') return;
    failed = true;
    void (async () => {
      await lab.stopNode('node-a');
      await ops.publishAsync('cmd/device-17/valve', 'open valve 3', { qos: 1 });
      await ops.publishAsync('cmd/device-17/speed', 'set speed 40', { qos: 1 });
      await ops.publishAsync('cmd/device-17/report', 'report now', { qos: 1 });
    })();
  });
};

export default scenario;
