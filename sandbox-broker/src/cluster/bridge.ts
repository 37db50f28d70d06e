/**
 * A broker-side bridge, as mosquitto's `connection` block configures one: a client of two
 * brokers that subscribes to chosen topics on one side and republishes what it receives on the
 * other, with topic prefixes rewritten (`topic <pattern> <out|in|both> <qos> <local-prefix> <remote-prefix>`).
 *
 * mosquitto's bridge is one connection to the remote broker; its local side is internal. Here the
 * local side is an MQTT connection to the local node too, so the run record shows both halves.
 *
 * Loop prevention: a `both` topic would bounce every message back and forth for ever (the bridge
 * receives on the remote side what it just published there). Both subscriptions set MQTT 5.0
 * No Local (5.0 §3.8.3.1, [MQTT-3.8.3-3]): a broker does not send a client its own messages.
 * mosquitto's bridges traditionally get the same effect from a private bit in the CONNECT
 * protocol level (`try_private`), which only brokers that know it honour.
 * Retain As Published keeps the RETAIN flag across the bridge, as mosquitto bridges do.
 */
import type { IClientOptions, IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { Duplex } from 'readable-stream';
import type { BridgeSpec, BridgeTopic } from '../options.ts';
import { topicMatches } from '../topic-match.ts';

export interface RunningBridge {
  readonly spec: BridgeSpec;
  /** Resolves once both halves are connected and subscribed (or after a short wait if one cannot connect). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MS = 500;
const READY_LIMIT_MS = 2000;
/** Properties a bridge forwards (5.0 §3.3.2.3: the Server forwards these unaltered). */
const FORWARDED = ['payloadFormatIndicator', 'messageExpiryInterval', 'contentType', 'responseTopic', 'correlationData', 'userProperties'] as const;

type Side = 'local' | 'remote';

/** The other side's topic for a message received on `from`, or undefined when no rule forwards it. */
export function bridgedTopic(topics: readonly BridgeTopic[], from: Side, topic: string): { topic: string; qos: 0 | 1 | 2 } | undefined {
  for (const rule of topics) {
    const direction = from === 'local' ? 'out' : 'in';
    if (rule.direction !== direction && rule.direction !== 'both') continue;
    const [fromPrefix, toPrefix] = from === 'local' ? [rule.localPrefix ?? '', rule.remotePrefix ?? ''] : [rule.remotePrefix ?? '', rule.localPrefix ?? ''];
    if (!topic.startsWith(fromPrefix)) continue;
    const rest = topic.slice(fromPrefix.length);
    if (topicMatches(rule.pattern, rest)) return { topic: toPrefix + rest, qos: rule.qos ?? 0 };
  }
  return undefined;
}

/** The filters the bridge subscribes to on one side. */
export function bridgeFilters(topics: readonly BridgeTopic[], side: Side): { filter: string; qos: 0 | 1 | 2 }[] {
  const direction = side === 'local' ? 'out' : 'in';
  return topics
    .filter((rule) => rule.direction === direction || rule.direction === 'both')
    .map((rule) => ({ filter: (side === 'local' ? rule.localPrefix ?? '' : rule.remotePrefix ?? '') + rule.pattern, qos: rule.qos ?? 0 }));
}

export async function startBridge(spec: BridgeSpec, openLink: (node: string) => Duplex): Promise<RunningBridge> {
  // Loaded only when a run has a bridge: the broker's own bundle does without MQTT.js.
  const mqtt = (await import('mqtt')).default;
  const base: IClientOptions = { clientId: spec.name, protocolVersion: 5, keepalive: 0, reconnectPeriod: RECONNECT_MS, resubscribe: false };
  const credentials = (username?: string, password?: string): IClientOptions => ({
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  });
  const persistent = spec.cleanStart === false;
  const local = new mqtt.MqttClient(() => openLink(spec.local) as never, { ...base, clean: true, ...credentials(spec.localUsername, spec.localPassword) });
  const remote = new mqtt.MqttClient(() => openLink(spec.remote) as never, {
    ...base,
    clean: !persistent,
    // A session the remote broker keeps while the bridge is away (mosquitto `cleansession false`).
    ...(persistent ? { properties: { sessionExpiryInterval: 3600 } } : {}),
    ...credentials(spec.remoteUsername, spec.remotePassword),
  });
  // A bridge that cannot reach a side keeps trying, as mosquitto's does; errors are in the record.
  local.on('error', () => undefined);
  remote.on('error', () => undefined);

  const subscribeOn = (client: MqttClient, side: Side): Promise<void> => {
    const filters = bridgeFilters(spec.topics, side);
    if (filters.length === 0) return Promise.resolve();
    const map = Object.fromEntries(filters.map(({ filter, qos }) => [filter, { qos, nl: true, rap: true }]));
    return client.subscribeAsync(map).then(() => undefined, () => undefined);
  };
  const halfReady = (client: MqttClient, side: Side): Promise<void> =>
    new Promise((resolve) => {
      client.on('connect', (connack) => {
        const subscribed = connack.sessionPresent ? Promise.resolve() : subscribeOn(client, side);
        void subscribed.then(resolve);
      });
    });

  const forward = (from: Side, to: MqttClient) => (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    const target = bridgedTopic(spec.topics, from, topic);
    if (!target) return;
    const options: IClientPublishOptions = { qos: Math.min(packet.qos, target.qos) as 0 | 1 | 2, retain: packet.retain };
    const properties: Record<string, unknown> = {};
    for (const key of FORWARDED) if (packet.properties?.[key] !== undefined) properties[key] = packet.properties[key];
    if (Object.keys(properties).length > 0) options.properties = properties;
    to.publish(target.topic, payload, options, () => undefined);
  };
  local.on('message', forward('local', remote));
  remote.on('message', forward('remote', local));

  const both = Promise.all([halfReady(local, 'local'), halfReady(remote, 'remote')]).then(() => undefined);
  const ready = Promise.race([both, new Promise<void>((resolve) => setTimeout(resolve, READY_LIMIT_MS))]);
  return {
    spec,
    ready,
    close: () =>
      Promise.all([local, remote].map((client) => new Promise<void>((resolve) => client.end(true, {}, () => resolve())))).then(() => undefined),
  };
}
