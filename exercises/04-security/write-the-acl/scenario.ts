import type { MqttClient } from 'mqtt';
import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * Two honest clients and one compromised sensor meet the learner's ACL. Everything happens
 * before the learner's code runs (it only returns the rules), so the scenario awaits each step.
 * The attacks come first: a rule that lets a forged message through delivers it to the
 * dashboard, and the record shows it.
 */
const login = (name: string) => ({
  clientId: name,
  username: name,
  password: `pw-${name}`,
  protocolVersion: 5 as const,
  reconnectPeriod: 0,
});

/** Resolves with the first message on `topic`, or undefined after `ms` (a denied rule must not hang the run). */
function nextMessage(client: MqttClient, topic: string, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      resolve(undefined);
    }, ms);
    const onMessage = (received: string, payload: Buffer): void => {
      if (received !== topic) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(payload.toString());
    };
    client.on('message', onMessage);
  });
}

/** A refused QoS 1 publish rejects (PUBACK 0x87): for the attacker that is the expected answer. */
const attempt = (operation: Promise<unknown>): Promise<unknown> => operation.catch((error: unknown) => error);

const scenario: Scenario = async (lab) => {
  const sensor01 = await lab.connect(login('sensor-01'));
  const dashboard = await lab.connect(login('dashboard'));
  const sensor02 = await lab.connect(login('sensor-02'));
  await attempt(sensor01.subscribeAsync('devices/sensor-01/cmd', { qos: 1 }));
  await attempt(dashboard.subscribeAsync('devices/+/telemetry', { qos: 1 }));

  // The compromised sensor, one request at a time so each refusal has its own SUBACK / PUBACK.
  for (const filter of ['#', 'devices/+/telemetry', 'devices/sensor-01/cmd', 'devices/+/cmd']) {
    await attempt(sensor02.subscribeAsync(filter, { qos: 1 }));
  }
  await attempt(sensor02.publishAsync('devices/sensor-01/telemetry', '99.9 (forged)', { qos: 1 }));
  await attempt(sensor02.publishAsync('devices/sensor-01/cmd', 'open-all-valves', { qos: 1 }));

  // Legitimate traffic, including the compromised sensor's own telemetry: least privilege, not a ban.
  const telemetry01 = nextMessage(dashboard, 'devices/sensor-01/telemetry', 500);
  const telemetry02 = nextMessage(dashboard, 'devices/sensor-02/telemetry', 500);
  const command = nextMessage(sensor01, 'devices/sensor-01/cmd', 500);
  await attempt(sensor01.publishAsync('devices/sensor-01/telemetry', '21.5', { qos: 1 }));
  await attempt(sensor02.publishAsync('devices/sensor-02/telemetry', '19.0', { qos: 1 }));
  await attempt(dashboard.publishAsync('devices/sensor-01/cmd', 'report-interval 60', { qos: 1 }));
  await Promise.all([telemetry01, telemetry02, command]);
};

export default scenario;
