import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

const COMMANDS = 'devices/pump-4/commands';

/**
 * pump-4 subscribes with a persistent session and goes offline (its radio sleeps). The plant's
 * command log, `ops-log`, watches the command topic; one second after the second command the
 * pump comes back — on the same client object, so its message handler is in place before the
 * queued commands follow the CONNACK. It carries out each command it receives and acknowledges it
 * on `devices/pump-4/acks`, echoing the command's payload and its `trace-id` user property.
 */
const scenario: Scenario = async (lab) => {
  const pump = await lab.connect({ clientId: 'pump-4', protocolVersion: 5, clean: false, reconnectPeriod: 0, properties: { sessionExpiryInterval: 300 } });
  pump.on('message', (topic, payload, packet) => {
    if (topic !== COMMANDS) return;
    const trace = packet.properties?.userProperties?.['trace-id'];
    pump.publish('devices/pump-4/acks', payload, { qos: 1, ...(trace === undefined ? {} : { properties: { userProperties: { 'trace-id': trace } } }) });
  });
  await pump.subscribeAsync(COMMANDS, { qos: 1 });
  await pump.endAsync();

  const opsLog = await lab.connect({ clientId: 'ops-log', protocolVersion: 5, clean: true });
  let seen = 0;
  opsLog.on('message', () => {
    seen += 1;
    if (seen === 2) void lab.wait(1000).then(() => pump.reconnect());
  });
  await opsLog.subscribeAsync(COMMANDS, { qos: 1 });
};

export default scenario;
