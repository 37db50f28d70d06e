/**
 * Ends a session inside aedes the way a client would: an internal connection with the same
 * client id, Clean Start and Session Expiry 0, then DISCONNECT. aedes then discards the
 * subscriptions and queued messages with its own code paths.
 */
import * as mqttPacket from 'mqtt-packet';
import type { Duplex } from 'readable-stream';
import { createDuplexPair } from './duplex-pair.ts';

export function endSessionInBroker(handle: (stream: Duplex) => void, clientId: string): Promise<void> {
  return new Promise((resolve) => {
    const [brokerEnd, ourEnd] = createDuplexPair();
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    parser.on('packet', (packet: { cmd: string }) => {
      if (packet.cmd !== 'connack') return;
      ourEnd.write(mqttPacket.generate({ cmd: 'disconnect', reasonCode: 0 }, { protocolVersion: 5 }));
      ourEnd.end();
    });
    ourEnd.on('data', (chunk: Uint8Array) => parser.parse(chunk as Buffer));
    ourEnd.on('close', () => resolve());
    ourEnd.on('error', () => resolve());
    handle(brokerEnd);
    const connect: mqttPacket.IConnectPacket = { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId, clean: true, keepalive: 0, properties: { sessionExpiryInterval: 0 } };
    ourEnd.write(mqttPacket.generate(connect, { protocolVersion: 5 }));
  });
}
