/** Test helpers: real MQTT.js clients on in-memory links of a real sandbox broker. */
import { MqttClient, type IClientOptions, type IPublishPacket, type IConnackPacket } from 'mqtt';
import type { SandboxBroker } from '../src/index.ts';
import type { RecordEntry } from '../src/record-types.ts';

export type TestClient = MqttClient & { connack: IConnackPacket };

/** Creates a client that makes a fresh link on every (re)connect. Resolves on CONNACK success. */
export function connectClient(broker: SandboxBroker, options: IClientOptions = {}): Promise<TestClient> {
  const client = createClient(broker, options);
  return new Promise((resolve, reject) => {
    client.once('connect', (connack) => {
      Object.assign(client, { connack });
      resolve(client as TestClient);
    });
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before CONNACK')));
  });
}

export function createClient(broker: SandboxBroker, options: IClientOptions = {}): MqttClient {
  return new MqttClient(() => broker.connectLink().stream as never, { reconnectPeriod: 0, protocolVersion: 5, keepalive: 0, ...options });
}

export function nextMessage(client: MqttClient, topic?: string): Promise<IPublishPacket> {
  return new Promise((resolve) => {
    const onMessage = (received: string, _payload: Buffer, packet: IPublishPacket): void => {
      if (topic !== undefined && received !== topic) return;
      client.off('message', onMessage);
      resolve(packet);
    };
    client.on('message', onMessage);
  });
}

/** Collects every message a client receives. */
export function collect(client: MqttClient): IPublishPacket[] {
  const received: IPublishPacket[] = [];
  client.on('message', (_topic, _payload, packet) => received.push(packet));
  return received;
}

/** Resolves with the first record entry (past or future) that satisfies `test`. */
export function waitForEntry(broker: SandboxBroker, test: (entry: RecordEntry) => boolean, timeoutMs = 2000): Promise<RecordEntry> {
  const found = broker.recorder.entries.find(test);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      broker.recorder.off('entry', onEntry);
      reject(new Error('record entry not seen in time'));
    }, timeoutMs);
    const onEntry = (entry: RecordEntry): void => {
      if (!test(entry)) return;
      clearTimeout(timer);
      broker.recorder.off('entry', onEntry);
      resolve(entry);
    };
    broker.recorder.on('entry', onEntry);
  });
}

export function events(broker: SandboxBroker, name: string): RecordEntry[] {
  return broker.recorder.entries.filter((entry) => entry.kind === 'event' && entry.event === name);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function end(...clients: MqttClient[]): Promise<void> {
  return Promise.all(clients.map((client) => new Promise<void>((resolve) => client.end(false, {}, () => resolve())))).then(() => undefined);
}

/** Subscribes and resolves with the SUBACK's granted QoS / reason codes. */
export function subackCodes(client: MqttClient, topics: string | Record<string, { qos: 0 | 1 | 2 }>): Promise<number[]> {
  return new Promise((resolve) => {
    const onPacket = (packet: { cmd: string; granted?: number[] }): void => {
      if (packet.cmd !== 'suback') return;
      client.off('packetreceive', onPacket as never);
      resolve(packet.granted ?? []);
    };
    client.on('packetreceive', onPacket as never);
    client.subscribe(topics, () => {});
  });
}

/** Publishes at QoS 1 and resolves with the PUBACK reason code (0 = success). */
export function pubackCode(client: MqttClient, topic: string, payload: string): Promise<number> {
  return new Promise((resolve) => {
    client.publish(topic, payload, { qos: 1 }, (error) => resolve((error as { code?: number } | undefined)?.code ?? 0));
  });
}
