/** A byte-level client for tests that must send what MQTT.js would refuse to (malformed, forbidden). */
import * as mqttPacket from 'mqtt-packet';
import type { SandboxBroker } from '../src/index.ts';

export interface RawConnection {
  send(packet: Record<string, unknown>): void;
  sendBytes(bytes: Uint8Array): void;
  /** Resolves with the next packet the broker sends. */
  next(): Promise<Record<string, unknown>>;
  readonly received: Array<Record<string, unknown>>;
  /** Resolves when the broker closes the link. */
  readonly closed: Promise<void>;
  isClosed(): boolean;
  destroy(): void;
}

export function rawConnection(broker: SandboxBroker, protocolVersion: 3 | 4 | 5): RawConnection {
  const { stream } = broker.connectLink();
  const parser = mqttPacket.parser({ protocolVersion });
  const received: Array<Record<string, unknown>> = [];
  const waiting: Array<(packet: Record<string, unknown>) => void> = [];
  let isClosed = false;
  parser.on('packet', (packet) => {
    const plain = packet as unknown as Record<string, unknown>;
    received.push(plain);
    waiting.shift()?.(plain);
  });
  stream.on('data', (chunk: Buffer) => parser.parse(chunk));
  const closed = new Promise<void>((resolve) => {
    stream.on('close', () => {
      isClosed = true;
      resolve();
    });
    stream.on('error', () => undefined);
  });
  let delivered = 0;
  return {
    send: (packet) => stream.write(mqttPacket.generate(packet as never, { protocolVersion })),
    sendBytes: (bytes) => stream.write(bytes),
    next: () =>
      new Promise((resolve) => {
        if (delivered < received.length) resolve(received[delivered++] as Record<string, unknown>);
        else waiting.push((packet) => {
          delivered++;
          resolve(packet);
        });
      }),
    received,
    closed,
    isClosed: () => isClosed,
    destroy: () => stream.destroy(),
  };
}
