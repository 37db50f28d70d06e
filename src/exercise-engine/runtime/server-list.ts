/**
 * Which broker node each (re)connection of a client goes to, in runs with several nodes
 * (module 5). MQTT.js's `servers` option is honoured the way `mqtt.connect()` honours it: each
 * new connection attempt takes the next entry of the list, round-robin, starting with the first
 * (MQTT.js 5.16 `connect/index.ts`); a `new MqttClient(streamBuilder)` does not read it, so the
 * sandbox's stream builders do. Without a list, the URL's host names the node. A name that is not
 * a node of the run (`sandbox`, `localhost`) reaches the first node.
 */
import type { IClientOptions } from 'mqtt';

export function nodeRotation(options: Pick<IClientOptions, 'servers'>, host?: string): () => string | undefined {
  const servers = (options.servers ?? []).map((server) => server.host).filter((name): name is string => typeof name === 'string');
  if (servers.length === 0) return () => host;
  let attempt = 0;
  return () => servers[attempt++ % servers.length];
}
