import type { Duplex } from 'readable-stream';
import { portDatagramSocket, type DatagramSocket } from '../mqtt-sn/datagram.ts';
import type { ClosablePortLike } from '../worker/port-like.ts';
import { portStream } from '../worker/port-stream.ts';
import type { ConnectorMessage } from '../worker/protocol.ts';

/**
 * Turns a connector port (from `BrokerHost.openClientPort()`, possibly transferred to another
 * worker) into a stream builder for MQTT.js: `new MqttClient(brokerStreamBuilder(port), opts)`.
 * Each call opens a fresh link, so MQTT.js reconnects and several clients share one connector.
 */
export function brokerStreamBuilder(connector: MessagePort): () => Duplex {
  return () => {
    const { port1, port2 } = new MessageChannel();
    const message: ConnectorMessage = { type: 'link', port: port1 };
    connector.postMessage(message, [port1]);
    return portStream(port2 as ClosablePortLike);
  };
}

/**
 * Turns a connector port into a factory of MQTT-SN datagram sockets, each attached to the broker's
 * MQTT-SN gateway (one socket = one client address on the sensor network).
 */
export function snSocketBuilder(connector: MessagePort): () => DatagramSocket {
  return () => {
    const { port1, port2 } = new MessageChannel();
    const message: ConnectorMessage = { type: 'sn-link', port: port1 };
    connector.postMessage(message, [port1]);
    return portDatagramSocket(port2 as ClosablePortLike);
  };
}
