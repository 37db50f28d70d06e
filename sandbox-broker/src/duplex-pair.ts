/**
 * An in-memory, backpressure-honouring pair of connected byte streams. A write's callback is
 * held until the other end reads, and destroying one end destroys the other (that is what makes
 * a cut link look like a dropped TCP connection, so the broker fires the will).
 */
import { Buffer } from 'buffer';
import { Duplex } from 'readable-stream';

class PairEnd extends Duplex {
  peer: PairEnd | undefined;
  /** The callback of the peer's last write, held until this end reads. */
  private heldWrite: (() => void) | undefined;

  override _write(chunk: Uint8Array, _encoding: string, callback: (error?: Error | null) => void): void {
    const peer = this.peer;
    if (!peer || peer.destroyed) {
      callback(new Error('link closed'));
      return;
    }
    // Hold the callback BEFORE pushing: push() can synchronously make the reader read, and that
    // read's _read() must find the callback to release, or the writer would wait forever.
    peer.heldWrite = callback;
    // Copy: writers (mqtt-packet) may reuse their buffers after the callback.
    if (peer.push(Buffer.from(chunk)) && peer.heldWrite === callback) {
      peer.heldWrite = undefined;
      callback();
    }
  }

  /** The reader wants more: release the peer's write that is waiting on this end. */
  override _read(): void {
    const held = this.heldWrite;
    if (held) {
      this.heldWrite = undefined;
      held();
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer?.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    const peer = this.peer;
    this.peer = undefined;
    const held = this.heldWrite;
    this.heldWrite = undefined;
    held?.();
    if (peer && !peer.destroyed) peer.destroy();
    callback(error);
  }
}

export function createDuplexPair(): [Duplex, Duplex] {
  const a = new PairEnd();
  const b = new PairEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
