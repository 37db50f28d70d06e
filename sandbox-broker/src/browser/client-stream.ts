import type { Duplex } from 'readable-stream';
import type { ClosablePortLike } from '../worker/port-like.ts';
import { portStream } from '../worker/port-stream.ts';
import type { ConnectorMessage } from '../worker/protocol.ts';

/**
 * Turns a connector port (from `BrokerHost.openClientPort()`, possibly transferred to another
 * worker) into a stream builder for MQTT.js: `new MqttClient(brokerStreamBuilder(port), opts)`.
 * Each call opens a fresh link, so MQTT.js reconnects and several clients share one connector.
 */
export function brokerStreamBuilder(connector: MessagePort): () => Duplex {
  const open = brokerNodeStreamBuilder(connector);
  return () => open();
}

/**
 * The same, for a run with several broker nodes (module 5): `open(node)` links to that node
 * (absent: the first). Not a stream builder to hand MQTT.js as is: it would pass its client as the node.
 */
/** Stops or starts a node of a run with several through a connector (a scenario's `stopNode`, module 5). */
export function controlNode(connector: MessagePort, type: 'stop-node' | 'start-node', node: string): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve, reject) => {
    port2.onmessage = (event: MessageEvent<{ error?: string }>) => {
      port2.close();
      if (event.data.error === undefined) resolve();
      else reject(new Error(event.data.error));
    };
    const message: ConnectorMessage = { type, node, reply: port1 };
    connector.postMessage(message, [port1]);
  });
}

export function brokerNodeStreamBuilder(connector: MessagePort): (node?: string) => Duplex {
  return (node) => {
    const { port1, port2 } = new MessageChannel();
    const message: ConnectorMessage = node === undefined ? { type: 'link', port: port1 } : { type: 'link', port: port1, node };
    connector.postMessage(message, [port1]);
    return portStream(port2 as ClosablePortLike);
  };
}
