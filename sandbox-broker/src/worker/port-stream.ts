import { Duplex } from 'readable-stream';
import { Buffer } from 'buffer';
import type { ClosablePortLike, MessageEventLike } from './port-like.ts';

/**
 * What the two ends of a port stream say to each other. A MessagePort has neither flow control
 * nor a close event that every browser fires, so both are spelled out:
 * - a Uint8Array carries one batch of written bytes;
 * - a number is an ack: the reader has taken that many more bytes (its readable buffer had
 *   room). A writer with more than `windowBytes` unacknowledged holds its write callback, which
 *   is what makes `write()` return false on the writing side when the reading side stops reading;
 * - 'end' is the writer's end of stream, 'destroy' tears down both ends (an MQTT client that
 *   vanishes without DISCONNECT must look like a dropped connection, so that its will fires).
 * Bare values rather than tagged objects: the structured clone of every message is on the hot
 * path of every packet, and a bare typed array or number is the cheapest there is to clone.
 */
type PortStreamMessage = Uint8Array | number | 'end' | 'destroy';

function isPortStreamMessage(data: unknown): data is PortStreamMessage {
  return data instanceof Uint8Array || typeof data === 'number' || data === 'end' || data === 'destroy';
}

/**
 * Bytes written in one task, gathered into one message: a burst of packets (a window of
 * PUBLISHes, a PUBACK per message) would otherwise cost a thread hop each.
 */
class Outbox {
  private bytes = new Uint8Array(0);
  private length = 0;

  get empty(): boolean {
    return this.length === 0;
  }

  /** Copies now: mqtt-packet reuses its buffers once the write returns. */
  append(chunks: readonly Uint8Array[]): number {
    let added = 0;
    for (const chunk of chunks) added += chunk.byteLength;
    if (this.length + added > this.bytes.byteLength) {
      const grown = new Uint8Array(Math.max(4096, 2 * (this.length + added)));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    for (const chunk of chunks) {
      this.bytes.set(chunk, this.length);
      this.length += chunk.byteLength;
    }
    return added;
  }

  /** The gathered bytes, in a buffer of their own that can be transferred; the outbox starts empty. */
  take(): Uint8Array {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = new Uint8Array(0);
    this.length = 0;
    return taken;
  }
}

/**
 * Bytes a writer may have in flight unacknowledged. Waiting for each batch's ack would cost a
 * thread round trip per batch; a window keeps the port busy while still bounding memory.
 */
const windowBytes = 64 * 1024;
/**
 * Bytes taken in before an ack is sent: one ack per batch would double the messages. Smaller
 * than the window, so a writer waiting on the window always gets its ack.
 */
const ackEveryBytes = windowBytes / 4;

/**
 * When gathered bytes are sent: after the current turn of immediates where there are any (the
 * broker worker, where aedes delivers each message in an immediate of its own: one message per
 * turn rather than one per immediate), else at the end of the current task.
 */
const scheduleFlush: (flush: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (flush) => void globalThis.setImmediate(flush) : queueMicrotask;

/** A byte Duplex over a MessagePort whose other end is another `portStream`. */
export function portStream(port: ClosablePortLike): Duplex {
  let pendingWriteCallback: ((error?: Error | null) => void) | undefined;
  let unacknowledgedBytes = 0;
  /** Bytes taken into the readable buffer, not yet acknowledged. */
  let takenBytes = 0;
  /** Bytes received beyond the readable buffer's high-water mark: acknowledged once reading resumes. */
  let owedBytes = 0;
  let remoteGone = false;

  const send = (message: PortStreamMessage, transfer: Transferable[] = []): void => {
    port.postMessage(message, transfer);
  };
  const outbox = new Outbox();
  let flushQueued = false;
  let portClosed = false;
  const flush = (): void => {
    flushQueued = false;
    if (outbox.empty || portClosed) return;
    const bytes = outbox.take();
    send(bytes, [bytes.buffer as ArrayBuffer]);
  };
  const sendBatch = (chunks: readonly Uint8Array[], callback: (error?: Error | null) => void): void => {
    unacknowledgedBytes += outbox.append(chunks);
    if (!flushQueued) {
      flushQueued = true;
      scheduleFlush(flush);
    }
    if (unacknowledgedBytes <= windowBytes) callback();
    else pendingWriteCallback = callback;
  };

  const stream = new Duplex({
    // A half-closed MQTT connection is useless; ending one way ends both, as a TCP socket does.
    allowHalfOpen: false,
    write(chunk: Uint8Array, _encoding, callback) {
      sendBatch([chunk], callback);
    },
    // mqtt-packet corks the stream around each packet, so a packet's pieces arrive here together.
    writev(entries: ArrayLike<{ chunk: Uint8Array }>, callback) {
      sendBatch(Array.from(entries, (entry) => entry.chunk), callback);
    },
    read() {
      if (owedBytes > 0) {
        send(owedBytes + takenBytes);
        owedBytes = 0;
        takenBytes = 0;
      }
    },
    final(callback) {
      flush();
      send('end');
      callback();
    },
    destroy(error, callback) {
      port.removeEventListener('message', onMessage);
      // What was written before the destroy still goes first, as it did when writes were sent at once.
      if (!remoteGone) {
        flush();
        send('destroy');
      }
      portClosed = true;
      port.close();
      pendingWriteCallback = undefined;
      callback(error);
    },
  });

  function onMessage(event: MessageEventLike): void {
    const message = event.data;
    if (!isPortStreamMessage(message) || stream.destroyed) return;
    if (message instanceof Uint8Array) {
      const accepted = stream.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength));
      if (!accepted) owedBytes += message.byteLength;
      else if ((takenBytes += message.byteLength) >= ackEveryBytes) {
        send(takenBytes);
        takenBytes = 0;
      }
      return;
    }
    if (typeof message === 'number') {
      unacknowledgedBytes -= message;
      if (pendingWriteCallback && unacknowledgedBytes <= windowBytes) {
        const callback = pendingWriteCallback;
        pendingWriteCallback = undefined;
        callback();
      }
      return;
    }
    switch (message) {
      case 'end':
        stream.push(null);
        break;
      case 'destroy':
        remoteGone = true;
        stream.destroy();
        break;
    }
  }

  port.addEventListener('message', onMessage);
  port.start();
  return stream;
}
