import type { IClientOptions } from 'mqtt';
import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * A device on the shop's broker and head office's console on the central one meet the learner's
 * bridge. Everything happens before the learner's code runs (it only returns the configuration).
 */
const on = (node: 'site' | 'cloud', clientId: string): IClientOptions => ({ clientId, protocolVersion: 5, reconnectPeriod: 0, servers: [{ host: node, port: 1883 }] });
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const scenario: Scenario = async (lab) => {
  const central = await lab.connect(on('cloud', 'central'));
  await central.subscribeAsync('shops/#', { qos: 1 });
  const device = await lab.connect(on('site', 'device'));
  // Everything that reaches the shop's broker, to catch what should not have crossed.
  await device.subscribeAsync('#', { qos: 1 });

  await device.publishAsync('sensors/fridge-1/temp', '4.2', { qos: 1 });
  await device.publishAsync('internal/till-2/log', 'drawer opened', { qos: 1 });
  await central.publishAsync('shops/shop-7/cmd/defrost', 'fridge-1', { qos: 1 });
  await central.publishAsync('shops/shop-8/cmd/defrost', 'for shop 8 only', { qos: 1 });
  // The bridge's hops are asynchronous: let the last forwarded messages arrive.
  await settle(150);
};

export default scenario;
