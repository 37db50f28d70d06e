/**
 * The gateway's MQTT side: one MQTT 3.1.1 connection to the sandbox broker, spoken packet by
 * packet with mqtt-packet. The gateway translates each MQTT-SN message into the MQTT packet that
 * means the same (and back), keeping the client's message ids, so the record shows the two
 * conversations side by side. MQTT.js is not used here: it would answer acknowledgements and pick
 * packet ids by itself, and a transparent gateway must relay those of its client.
 */
import { Buffer } from 'buffer';
import * as mqttPacket from 'mqtt-packet';
import type { Duplex } from 'readable-stream';

export type MqttPacket = Record<string, unknown> & { cmd: string };

export class Uplink {
  private readonly parser = mqttPacket.parser({ protocolVersion: 4 });
  private closeListeners: (() => void)[] = [];
  closed = false;

  private readonly stream: Duplex;

  constructor(stream: Duplex, onPacket: (packet: MqttPacket) => void) {
    this.stream = stream;
    this.parser.on('packet', (packet) => onPacket(packet as unknown as MqttPacket));
    // The broker only sends what mqtt-packet can parse; an error here means the link is unusable.
    this.parser.on('error', () => this.close(false));
    stream.on('data', (chunk: Uint8Array) => this.parser.parse(Buffer.from(chunk)));
    for (const event of ['end', 'close', 'error'] as const) stream.on(event, () => this.closedByPeer());
  }

  send(packet: MqttPacket): void {
    if (this.closed) return;
    this.stream.write(mqttPacket.generate(packet as unknown as mqttPacket.Packet, { protocolVersion: 4 }));
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * `graceful`: DISCONNECT first, so the broker discards the will (3.1.1 [MQTT-3.14.4-3]).
   * Otherwise the connection just drops, as after a network failure, and the will is published.
   */
  close(graceful: boolean): void {
    if (this.closed) return;
    if (graceful) {
      this.send({ cmd: 'disconnect' });
      this.stream.end();
    } else {
      this.stream.destroy();
    }
    this.closedByPeer();
  }

  private closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const listener of listeners) listener();
  }
}
