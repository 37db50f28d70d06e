/**
 * The in-page datagram transport MQTT-SN runs over. MQTT-SN needs no stream: each message is one
 * datagram, delivered whole or not at all, in no guaranteed order on a real radio (v1.2 §3).
 * Here a datagram is one `postMessage` on a MessagePort (page ↔ broker worker), or one queued task
 * in an in-memory pair (Node tests). Loss, when wanted, is applied by the gateway (gateway.ts).
 */
import type { ClosablePortLike, MessageEventLike } from '../worker/port-like.ts';

export interface DatagramSocket {
  /** Sends one datagram (copied: the caller may reuse its buffer). Ignored once closed. */
  send(datagram: Uint8Array): void;
  onDatagram(listener: (datagram: Uint8Array) => void): void;
  /** Called once, when either end closes. */
  onClose(listener: () => void): void;
  close(): void;
  readonly closed: boolean;
}

type PortDatagramMessage = { readonly t: 'datagram'; readonly bytes: Uint8Array } | { readonly t: 'close' };

class SocketBase {
  private readonly datagramListeners: ((datagram: Uint8Array) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];
  closed = false;

  onDatagram(listener: (datagram: Uint8Array) => void): void {
    this.datagramListeners.push(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  protected deliver(datagram: Uint8Array): void {
    if (this.closed) return;
    for (const listener of this.datagramListeners) listener(datagram);
  }
  protected closedHere(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
  }
}

class PairSocket extends SocketBase implements DatagramSocket {
  peer: PairSocket | undefined;
  send(datagram: Uint8Array): void {
    const peer = this.peer;
    if (this.closed || !peer) return;
    const copy = datagram.slice();
    // A network hop is never synchronous: the receiver reads it in a later task.
    setTimeout(() => peer.receive(copy), 0);
  }
  receive(datagram: Uint8Array): void {
    this.deliver(datagram);
  }
  close(): void {
    if (this.closed) return;
    this.closedHere();
    const peer = this.peer;
    if (peer) setTimeout(() => peer.closedHere(), 0);
  }
}

/** Two connected in-memory datagram sockets: [client end, gateway end]. */
export function createDatagramPair(): [DatagramSocket, DatagramSocket] {
  const a = new PairSocket();
  const b = new PairSocket();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class PortSocket extends SocketBase implements DatagramSocket {
  private readonly port: ClosablePortLike;
  constructor(port: ClosablePortLike) {
    super();
    this.port = port;
    port.addEventListener('message', this.onMessage);
    port.start();
  }
  private readonly onMessage = (event: MessageEventLike): void => {
    const message = event.data as PortDatagramMessage;
    if (message.t === 'datagram') this.deliver(message.bytes);
    else if (message.t === 'close') this.shutDown();
  };
  send(datagram: Uint8Array): void {
    if (this.closed) return;
    const copy = datagram.slice();
    this.port.postMessage({ t: 'datagram', bytes: copy } satisfies PortDatagramMessage, [copy.buffer]);
  }
  close(): void {
    if (this.closed) return;
    this.port.postMessage({ t: 'close' } satisfies PortDatagramMessage, []);
    this.shutDown();
  }
  private shutDown(): void {
    this.port.removeEventListener('message', this.onMessage);
    this.port.close();
    this.closedHere();
  }
}

/** A datagram socket over a MessagePort (each end of a MessageChannel wraps one). */
export function portDatagramSocket(port: ClosablePortLike): DatagramSocket {
  return new PortSocket(port);
}
