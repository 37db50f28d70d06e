/**
 * Splits a byte stream into whole MQTT control packets using only the fixed header, so each
 * packet's exact bytes can be recorded and forwarded, and an oversized or malformed length is
 * caught before the body is buffered.
 */
import { Buffer } from 'buffer';

export type FrameResult =
  | { kind: 'frame'; bytes: Buffer; remainingLength: number }
  | { kind: 'malformed-length' }
  | { kind: 'too-large'; size: number };

export class Framer {
  private buffered: Buffer = Buffer.alloc(0);
  private failed = false;

  /** @param maximumSize largest accepted packet in bytes (whole packet), 0 = unlimited */
  constructor(private maximumSize: number) {}

  setMaximumSize(size: number): void {
    this.maximumSize = size;
  }

  /** Feeds bytes; returns the complete frames (and at most one error, after which it stops). */
  push(chunk: Uint8Array): FrameResult[] {
    if (this.failed) return [];
    // A view, not a copy: every stream a link reads gives chunks of their own (duplex pairs copy
    // what is written, port streams transfer, sockets allocate), and a frame is a slice of one.
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([this.buffered, bytes]);
    const out: FrameResult[] = [];
    for (;;) {
      const header = readHeader(this.buffered);
      if (header === 'incomplete') break;
      if (header === 'malformed') {
        this.failed = true;
        out.push({ kind: 'malformed-length' });
        break;
      }
      const size = header.headerBytes + header.remainingLength;
      if (this.maximumSize > 0 && size > this.maximumSize) {
        this.failed = true;
        out.push({ kind: 'too-large', size });
        break;
      }
      if (this.buffered.length < size) break;
      out.push({ kind: 'frame', bytes: this.buffered.subarray(0, size), remainingLength: header.remainingLength });
      this.buffered = this.buffered.subarray(size);
    }
    return out;
  }
}

function readHeader(buf: Buffer): { headerBytes: number; remainingLength: number } | 'incomplete' | 'malformed' {
  if (buf.length < 2) return 'incomplete';
  let value = 0;
  let multiplier = 1;
  // The Remaining Length is a Variable Byte Integer of at most 4 bytes (MQTT §1.5.5 / 3.1.1 §2.2.3).
  for (let i = 1; i <= 4; i++) {
    if (i >= buf.length) return 'incomplete';
    const byte = buf[i] as number;
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return { headerBytes: i + 1, remainingLength: value };
  }
  return 'malformed';
}
