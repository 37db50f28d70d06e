/**
 * The `mqtt-sn` module learner code imports: the project's MQTT-SN v1.2 client, each client on a
 * fresh datagram socket to the sandbox's MQTT-SN gateway.
 *
 *   import { connect } from 'mqtt-sn';
 *   const sensor = await connect({ clientId: 'sensor-7', keepAlive: 60 });
 *   const topicId = await sensor.register('greenhouse/sensor-7/temp');
 *   await sensor.publish({ topicId }, '21.5', { qos: 1 });
 */
import { MqttSnClient, MqttSnError, type SnClientOptions, type SnConnectOptions } from '../../../sandbox-broker/src/mqtt-sn/client.ts';
import type { DatagramSocket } from '../../../sandbox-broker/src/mqtt-sn/datagram.ts';

export type OpenSocket = () => DatagramSocket;

export interface LearnerMqttSn {
  /** The module object handed to `require('mqtt-sn')`. */
  module: Record<string, unknown>;
}

export function createLearnerMqttSn(openSocket: OpenSocket, onClient: (client: MqttSnClient) => void): LearnerMqttSn {
  /** A client that has not connected yet: for QoS -1 publishes, SEARCHGW, or a CONNECT of your own. */
  const createClient = (options: SnClientOptions = {}): MqttSnClient => {
    const client = new MqttSnClient(openSocket(), options);
    onClient(client);
    return client;
  };
  /** A client, connected (CONNECT → CONNACK). */
  const connect = async (options: SnConnectOptions & SnClientOptions): Promise<MqttSnClient> => {
    const { predefinedTopics, retryMs, retries, ...connectOptions } = options;
    const clientOptions: SnClientOptions = {};
    if (predefinedTopics) clientOptions.predefinedTopics = predefinedTopics;
    if (retryMs !== undefined) clientOptions.retryMs = retryMs;
    if (retries !== undefined) clientOptions.retries = retries;
    const client = createClient(clientOptions);
    await client.connect(connectOptions);
    return client;
  };
  const named = { connect, createClient, MqttSnClient, MqttSnError };
  return { module: { ...named, __esModule: true, default: named } };
}
