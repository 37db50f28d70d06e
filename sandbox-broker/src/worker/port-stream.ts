import { Duplex } from 'readable-stream';
import { Buffer } from 'buffer';
import type { ClosablePortLike, MessageEventLike } from './port-like.ts';

/**
 * What the two ends of a port stream say to each other. A MessagePort has neither flow control
 * nor a close event that every browser fires, so both are spelled out:
 * - `data` carries one batch of written bytes;
 * - `ack` says the reader has taken `bytes` more bytes (its readable buffer had room). A writer
 *   with more than `windowBytes` unacknowledged holds its write callback, which is what makes
 *   `write()` return false on the writing side when the reading side stops reading;
 * - `end` is the writer's end of stream, `destroy` tears down both ends (an MQTT client that
 *   vanishes without DISCONNECT must look like a dropped connection, so that its will fires).
 */
type PortStreamMessage =
  | { readonly t: 'data'; readonly bytes: Uint8Array }
  | { readonly t: 'ack'; readonly bytes: number }
  | { readonly t: 'end' }
  | { readonly t: 'destroy' };

function isPortStreamMessage(data: unknown): data is PortStreamMessage {
  return typeof data === 'object' && data !== null && typeof (data as { t?: unknown }).t === 'string';
}

/** Copies the chunks into one fresh buffer: mqtt-packet reuses its buffers, and a fresh one can be transferred. */
function concatCopy(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
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
  const sendBatch = (chunks: readonly Uint8Array[], callback: (error?: Error | null) => void): void => {
    const bytes = concatCopy(chunks);
    unacknowledgedBytes += bytes.byteLength;
    send({ t: 'data', bytes }, [bytes.buffer as ArrayBuffer]);
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
        send({ t: 'ack', bytes: owedBytes + takenBytes });
        owedBytes = 0;
        takenBytes = 0;
      }
    },
    final(callback) {
      send({ t: 'end' });
      callback();
    },
    destroy(error, callback) {
      port.removeEventListener('message', onMessage);
      if (!remoteGone) send({ t: 'destroy' });
      port.close();
      pendingWriteCallback = undefined;
      callback(error);
    },
  });

  function onMessage(event: MessageEventLike): void {
    const message = event.data;
    if (!isPortStreamMessage(message) || stream.destroyed) return;
    switch (message.t) {
      case 'data': {
        const accepted = stream.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
        if (!accepted) owedBytes += message.bytes.byteLength;
        else if ((takenBytes += message.bytes.byteLength) >= ackEveryBytes) {
          send({ t: 'ack', bytes: takenBytes });
          takenBytes = 0;
        }
        break;
      }
      case 'ack': {
        unacknowledgedBytes -= message.bytes;
        if (pendingWriteCallback && unacknowledgedBytes <= windowBytes) {
          const callback = pendingWriteCallback;
          pendingWriteCallback = undefined;
          callback();
        }
        break;
      }
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
