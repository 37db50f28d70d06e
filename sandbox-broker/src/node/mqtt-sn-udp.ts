/**
 * Node mode's MQTT-SN listener: the broker's MQTT-SN gateway on a UDP port (MQTT-SN v1.2 runs over
 * any datagram network; UDP is the usual one off the radio). Each remote address:port is one client
 * address for the gateway, as a real gateway tells clients apart by their network address.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import type { MqttSnGateway } from '../mqtt-sn/gateway.ts';
import type { DatagramSocket } from '../mqtt-sn/datagram.ts';

export interface MqttSnUdpListener {
  readonly host: string;
  readonly port: number;
  /** e.g. `mqtt-sn+udp://127.0.0.1:1884` (not a standard scheme: a label for the log). */
  readonly url: string;
  close(): Promise<void>;
}

/** One remote endpoint, seen by the gateway as one datagram socket. */
class RemoteClient implements DatagramSocket {
  closed = false;
  private readonly datagramListeners: ((datagram: Uint8Array) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private readonly sendTo: (datagram: Uint8Array) => void;

  constructor(sendTo: (datagram: Uint8Array) => void) {
    this.sendTo = sendTo;
  }

  send(datagram: Uint8Array): void {
    if (!this.closed) this.sendTo(datagram);
  }
  onDatagram(listener: (datagram: Uint8Array) => void): void {
    this.datagramListeners.push(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  receive(datagram: Uint8Array): void {
    for (const listener of this.datagramListeners) listener(datagram);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
  }
}

export function openMqttSnUdp(gateway: MqttSnGateway, port: number, host: string): Promise<MqttSnUdpListener> {
  const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const clients = new Map<string, RemoteClient>();
  udp.on('message', (message: Buffer, remote: RemoteInfo) => {
    const key = `${remote.address}:${remote.port}`;
    let client = clients.get(key);
    if (!client) {
      client = new RemoteClient((datagram) => udp.send(datagram, remote.port, remote.address));
      clients.set(key, client);
      gateway.attach(client);
    }
    client.receive(Uint8Array.from(message));
  });
  return new Promise((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => {
      udp.off('error', reject);
      const bound = udp.address().port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        host,
        port: bound,
        url: `mqtt-sn+udp://${urlHost}:${bound}`,
        close: () =>
          new Promise((done) => {
            for (const client of clients.values()) client.close();
            udp.close(() => done());
          }),
      });
    });
  });
}
