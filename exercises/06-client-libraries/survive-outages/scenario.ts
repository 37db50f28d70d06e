import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

const ENERGY_TOPIC = 'plant/meter-7/energy';
const COMMAND_TOPIC = 'plant/meter-7/cmd';
const METER = 'meter-7';

/** Peers keep persistent sessions and reconnect fast: the outages are for the learner's client to survive. */
const peer = (clientId: string) => ({
  clientId,
  protocolVersion: 5 as const,
  clean: false,
  properties: { sessionExpiryInterval: 600 },
  reconnectPeriod: 50,
});

/**
 * A dashboard collects the meter's readings; a controller sends it four commands at QoS 1. Once
 * the first reading arrives, the plant's network misbehaves: the broker's PUBACK for one reading
 * is lost, the meter's link is cut (a command is sent while it is away), the broker restarts with
 * its sessions kept (another command), and the link is cut once more (a last command).
 */
const scenario: Scenario = async (lab) => {
  const dashboard = await lab.connect(peer('dashboard'));
  const controller = await lab.connect(peer('controller'));
  let started = false;
  const outages = async (): Promise<void> => {
    controller.publish(COMMAND_TOPIC, 'cmd-1', { qos: 1 });
    await lab.wait(200);
    await lab.dropNext('puback', { clientId: METER, direction: 'out' });
    await lab.wait(100);
    await lab.cutLink(METER);
    controller.publish(COMMAND_TOPIC, 'cmd-2', { qos: 1 });
    await lab.wait(400);
    await lab.restartBroker({ keepSessions: true });
    // The controller was dropped too: MQTT.js queues this until it is back.
    controller.publish(COMMAND_TOPIC, 'cmd-3', { qos: 1 });
    await lab.wait(400);
    await lab.cutLink(METER);
    controller.publish(COMMAND_TOPIC, 'cmd-4', { qos: 1 });
  };
  dashboard.on('message', () => {
    if (started) return;
    started = true;
    void outages();
  });
  await dashboard.subscribeAsync(ENERGY_TOPIC, { qos: 1 });
};

export default scenario;
