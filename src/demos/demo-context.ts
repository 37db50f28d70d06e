/** The `ctx` a demo step runs with, over a DemoBackend; it keeps the clients it made so they can be ended. */
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { MqttSnClient } from '../../sandbox-broker/src/mqtt-sn/client.ts';
import type { DemoBackend } from './demo-backend.ts';
import type { DemoClientOptions, DemoContext, DemoSnClientOptions } from './define-demo.ts';
import { nodeRotation } from '../exercise-engine/runtime/server-list.ts';

/** How long the record must stay silent for `untilQuiet()`, and the longest it waits. */
const QUIET_MS = 150;
const QUIET_LIMIT_MS = 5000;

export interface ManagedDemoContext {
  ctx: DemoContext;
  /** Ends every client the steps made, at once (no DISCONNECT): used on restart. */
  endClients(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createDemoContext(backend: DemoBackend): ManagedDemoContext {
  const clients = new Set<MqttClient>();
  const snClients = new Set<MqttSnClient>();

  const snClient = async (name: string, options: DemoSnClientOptions = {}): Promise<MqttSnClient> => {
    const { connect = true, predefinedTopics, retryMs, retries, ...connectOptions } = options;
    // The broker's clock may be virtual: the story sends PINGREQs itself, never a real-time timer.
    const made = new MqttSnClient(backend.openSnSocket(), {
      autoPing: false,
      ...(predefinedTopics ? { predefinedTopics } : {}),
      ...(retryMs !== undefined ? { retryMs } : {}),
      ...(retries !== undefined ? { retries } : {}),
    });
    snClients.add(made);
    if (connect) await made.connect({ clientId: name, keepAlive: 0, ...connectOptions });
    return made;
  };

  const client = (name: string, options: DemoClientOptions = {}, prepare?: (made: MqttClient) => void): Promise<MqttClient> => {
    const { node, ...mqttOptions } = options;
    const nextNode = nodeRotation(mqttOptions, node);
    // The stream builder is called again on each reconnect, which opens a fresh link.
    const made = new mqtt.MqttClient(() => backend.openLink(nextNode()) as never, { clientId: name, protocolVersion: 5, reconnectPeriod: 0, keepalive: 0, ...(mqttOptions as IClientOptions) });
    clients.add(made);
    prepare?.(made);
    return new Promise((resolve, reject) => {
      const settle = (error?: Error): void => {
        made.off('connect', onConnect);
        made.off('error', onError);
        made.off('close', onClose);
        if (error) reject(error);
        else resolve(made);
      };
      const onConnect = (): void => settle();
      const onError = (error: Error): void => settle(new Error(`${name} could not connect: ${error.message}`));
      const onClose = (): void => settle(new Error(`${name}: the connection closed before CONNACK`));
      made.on('connect', onConnect);
      made.on('error', onError);
      made.on('close', onClose);
    });
  };

  const untilQuiet = (): Promise<void> =>
    new Promise((resolve) => {
      let quietTimer: ReturnType<typeof setTimeout>;
      const finish = (): void => {
        clearTimeout(quietTimer);
        clearTimeout(limitTimer);
        unsubscribe();
        resolve();
      };
      const restartQuiet = (): void => {
        clearTimeout(quietTimer);
        quietTimer = setTimeout(finish, QUIET_MS);
      };
      const limitTimer = setTimeout(finish, QUIET_LIMIT_MS);
      const unsubscribe = backend.onEntry(restartQuiet);
      restartQuiet();
    });

  const instrument = (name: Parameters<DemoBackend['instrument']>[0]) => (...args: unknown[]) => backend.instrument(name, args);

  const ctx: DemoContext = {
    client,
    snClient,
    instruments: {
      cutLink: instrument('cutLink'),
      dropNext: instrument('dropNext'),
      delayNext: instrument('delayNext'),
      setLinkConditions: instrument('setLinkConditions'),
      refuseConnections: instrument('refuseConnections'),
    },
    stopNode: (node) => backend.stopNode(node),
    startNode: (node) => backend.startNode(node),
    advanceClock: (ms) => backend.advanceClock(ms),
    restartBroker: (options) => backend.restart(options),
    wait: sleep,
    untilQuiet,
  };

  return {
    ctx,
    endClients() {
      for (const made of clients) made.end(true);
      clients.clear();
      for (const made of snClients) made.end();
      snClients.clear();
    },
  };
}
