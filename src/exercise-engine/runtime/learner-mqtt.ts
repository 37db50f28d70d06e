/**
 * The `mqtt` module learner code imports: the real MQTT.js, with `connect` and `connectAsync`
 * replaced so that every client's connection (and every reconnection) gets a fresh link to the
 * sandbox broker from the transport instead of a socket. The URL's host is ignored; its
 * credentials and `?clientId=` are honoured as MQTT.js honours them.
 */
// The default import: MQTT.js's browser ESM build has no named exports, only this object.
import realMqtt from 'mqtt';
import type { IClientOptions, IStream, MqttClient } from 'mqtt';
import { nodeRotation } from './server-list.ts';

/** Opens a new link to the sandbox broker (to `node`, in a run with several: module 5); called once per (re)connect. */
export type OpenLink = (node?: string) => IStream;

function optionsFromUrl(brokerUrl: string): IClientOptions & { host?: string } {
  let url: URL;
  try {
    url = new URL(brokerUrl);
  } catch {
    throw new Error(`Not a broker URL: ${JSON.stringify(brokerUrl)} (try 'mqtt://sandbox')`);
  }
  // The host names a broker node in runs with several (module 5); elsewhere it is ignored.
  const options: IClientOptions & { host?: string } = url.hostname ? { host: url.hostname } : {};
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  const clientId = url.searchParams.get('clientId');
  if (clientId) options.clientId = clientId;
  return options;
}

export interface LearnerMqtt {
  connect: (brokerUrl?: string | IClientOptions, options?: IClientOptions) => MqttClient;
  connectAsync: (brokerUrl?: string | IClientOptions, options?: IClientOptions, allowRetries?: boolean) => Promise<MqttClient>;
  /** The module object handed to `require('mqtt')`: named exports plus `default`. */
  module: Record<string, unknown>;
}

export function createLearnerMqtt(openLink: OpenLink, onClient: (client: MqttClient) => void): LearnerMqtt {
  const connect = (brokerUrl?: string | IClientOptions, options?: IClientOptions): MqttClient => {
    const fromUrl = typeof brokerUrl === 'string' ? optionsFromUrl(brokerUrl) : (brokerUrl ?? {});
    const merged: IClientOptions = { ...fromUrl, ...options };
    if (merged.clean === false && !merged.clientId) throw new Error('Missing clientId for unclean clients');
    // MQTT.js's `servers` list (or the URL's host) picks the node of each (re)connection.
    const nextNode = nodeRotation(merged, merged.host);
    const client = new realMqtt.MqttClient(() => openLink(nextNode()), merged);
    onClient(client);
    return client;
  };

  // Mirrors MQTT.js's own connectAsync: resolves on CONNACK (or end), rejects on error.
  const connectAsync = (
    brokerUrl?: string | IClientOptions,
    options?: IClientOptions,
    allowRetries = true,
  ): Promise<MqttClient> =>
    new Promise((resolve, reject) => {
      const client = connect(brokerUrl, options);
      const cleanup = (): void => {
        client.removeListener('connect', onConnect);
        client.removeListener('end', onConnect);
        client.removeListener('error', onError);
        client.removeListener('close', onClose);
      };
      const onConnect = (): void => {
        cleanup();
        resolve(client);
      };
      const onError = (error: Error): void => {
        cleanup();
        client.end();
        reject(error);
      };
      const onClose = (): void => {
        if (!allowRetries) onError(new Error("Couldn't connect to server"));
      };
      client.on('connect', onConnect);
      client.on('end', onConnect);
      client.on('error', onError);
      client.on('close', onClose);
    });

  const named: Record<string, unknown> = { ...realMqtt, connect, connectAsync };
  delete named['default'];
  const module: Record<string, unknown> = { ...named, __esModule: true, default: { ...named } };
  return { connect, connectAsync, module };
}
