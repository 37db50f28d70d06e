/**
 * A bounds-checked reader over a packet's bytes that records a labelled range for every field it
 * reads. Running past the end throws `OutOfBytes`, a malformed encoding throws `Malformed`: the
 * annotator catches both and marks what is left as unparsed, so no input makes it throw.
 */
import type { BytePart, ByteRange } from './byte-range.ts';

export class OutOfBytes extends Error {}
export class Malformed extends Error {}

type Described = { label: string; value?: string | number | boolean };

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are valid UTF-8, otherwise undefined. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export class ByteCursor {
  readonly ranges: ByteRange[] = [];
  pos: number;
  /** Reads may not pass this offset (the end of the packet, or of a property block). */
  limit: number;

  constructor(readonly bytes: Uint8Array, pos: number, limit: number) {
    this.pos = pos;
    this.limit = limit;
  }

  get remaining(): number {
    return this.limit - this.pos;
  }

  /** Reads `length` bytes as one range, labelled by `describe`. A zero-length field records nothing. */
  read(length: number, part: BytePart, field: string, describe: (bytes: Uint8Array) => Described): Uint8Array {
    if (length < 0 || this.pos + length > this.limit) throw new OutOfBytes(field);
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    if (length > 0) {
      const { label, value } = describe(slice);
      const range: ByteRange = { start: this.pos, end: this.pos + length, part, field, label };
      if (value !== undefined) range.value = value;
      this.ranges.push(range);
    }
    this.pos += length;
    return slice;
  }

  byte(part: BytePart, field: string, describe: (value: number) => Described): number {
    return this.read(1, part, field, (b) => describe(b[0] ?? 0))[0] ?? 0;
  }

  uint16(part: BytePart, field: string, describe: (value: number) => Described): number {
    const b = this.read(2, part, field, (s) => describe(((s[0] ?? 0) << 8) | (s[1] ?? 0)));
    return ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  }

  uint32(part: BytePart, field: string, describe: (value: number) => Described): number {
    const value = (b: Uint8Array): number => (((b[0] ?? 0) << 24) >>> 0) + (((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0));
    return value(this.read(4, part, field, (s) => describe(value(s))));
  }

  /** Variable Byte Integer: 1 to 4 bytes, 7 bits each, least significant first (3.1.1 §2.2.3, 5.0 §1.5.5). */
  varint(part: BytePart, field: string, describe: (value: number) => Described): number {
    let length = 0;
    let value = 0;
    let multiplier = 1;
    for (;;) {
      if (this.pos + length >= this.limit) throw new OutOfBytes(field);
      const byte = this.bytes[this.pos + length] ?? 0;
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      length++;
      if ((byte & 0x80) === 0) break;
      if (length === 4) throw new Malformed(`${field}: variable byte integer longer than 4 bytes`);
    }
    this.read(length, part, field, () => describe(value));
    return value;
  }

  /** A two-byte length then that many bytes, as two ranges. */
  lengthPrefixed(part: BytePart, field: string, name: string, describe: (bytes: Uint8Array) => Described): Uint8Array {
    const length = this.uint16(part, `${field}Length`, (n) => ({ label: `${name} length: ${n}`, value: n }));
    return this.read(length, part, field, describe);
  }

  /** A UTF-8 Encoded String (3.1.1 §1.5.3, 5.0 §1.5.4), as its length and its text. */
  string(part: BytePart, field: string, name: string): string {
    return utf8.decode(this.lengthPrefixed(part, field, name, (b) => {
      const text = utf8.decode(b);
      return { label: `${name}: ${text}`, value: text };
    }));
  }

  /** Runs `body` with reads bounded by `end` (a property block), then restores the outer bound. */
  within(end: number, body: () => void): void {
    if (end > this.limit) throw new OutOfBytes('block longer than the packet');
    const outer = this.limit;
    this.limit = end;
    try {
      body();
    } finally {
      this.limit = outer;
    }
  }
}
