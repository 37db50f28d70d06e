import type { IClientOptions, MqttClient } from 'mqtt';
import type { Scenario, ScenarioContext } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * The probes meet the learner's broker configuration, one at a time, before the learner's code
 * runs (it only returns the configuration). Every probe is MQTT 5.0, so each refusal and limit
 * has a reason code to read.
 */
const probe = (clientId: string, extra: IClientOptions = {}): IClientOptions => ({ clientId, protocolVersion: 5, reconnectPeriod: 0, ...extra });
const as = (user: 'gateway' | 'dashboard'): IClientOptions => ({ username: user, password: user === 'gateway' ? 'gw-pass' : 'dash-pass' });

/** Connects, or resolves undefined when the broker refuses (a refusal is an answer here). */
async function tryConnect(lab: ScenarioContext, options: IClientOptions): Promise<MqttClient | undefined> {
  try {
    return await lab.connect(options);
  } catch {
    return undefined;
  }
}

/** Publishes and waits for the PUBACK, or for the broker to close the connection instead. */
function publishOrBeDisconnected(client: MqttClient, topic: string, payload: string, qos: 0 | 1 | 2, retain = false): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      client.off('close', done);
      resolve();
    };
    client.once('close', done);
    client.publish(topic, payload, { qos, retain }, () => done());
  });
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const scenario: Scenario = async (lab) => {
  const anonymous = await tryConnect(lab, probe('anonymous'));
  anonymous?.end();
  const intruder = await tryConnect(lab, probe('intruder', { username: 'gateway', password: 'guess' }));
  intruder?.end();

  const gateway = await tryConnect(lab, probe('gateway', { ...as('gateway'), keepalive: 120 }));
  const dashboard = await tryConnect(lab, probe('dashboard', as('dashboard')));
  await dashboard?.subscribeAsync('greenhouse/#', { qos: 1 }).catch(() => undefined);
  if (gateway) {
    await publishOrBeDisconnected(gateway, 'greenhouse/house-1/status', 'vents open', 1, true);
    await publishOrBeDisconnected(gateway, 'greenhouse/house-1/temp', '24.1', 1);
  }
  if (dashboard) await publishOrBeDisconnected(dashboard, 'greenhouse/house-1/cmd', 'close vents', 1);
  await settle(50);

  const late = await tryConnect(lab, probe('dashboard-late', as('dashboard')));
  await late?.subscribeAsync('greenhouse/+/status', { qos: 1 }).catch(() => undefined);
  await settle(50);

  const bulk = await tryConnect(lab, probe('gateway-bulk', as('gateway')));
  if (bulk) await publishOrBeDisconnected(bulk, 'greenhouse/house-1/image', 'x'.repeat(2000), 1);
  const qos2 = await tryConnect(lab, probe('gateway-qos2', as('gateway')));
  if (qos2) await publishOrBeDisconnected(qos2, 'greenhouse/house-1/temp', '24.3', 2);
  await settle(50);
};

export default scenario;
