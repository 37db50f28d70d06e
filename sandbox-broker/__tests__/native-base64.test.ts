import { Buffer } from 'buffer';
import { describe, expect, it } from 'vitest';
import { useNativeBase64 } from '../src/browser/shims/native-base64.ts';

/** The reference: base64 computed independently of Buffer, from the RFC 4648 alphabet. */
function rfc4648(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    out += alphabet[(triple >> 18) & 63]! + alphabet[(triple >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(triple >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[triple & 63]! : '=';
  }
  return out;
}

describe('native base64 for the broker worker', () => {
  const bufferToString = Buffer.prototype.toString;
  useNativeBase64();

  it('replaces Buffer#toString (so the cases below run through it)', () => {
    expect(Buffer.prototype.toString).not.toBe(bufferToString);
  });

  it('encodes like RFC 4648 at every padding length, empty, and beyond one chunk', () => {
    const lengths = [0, 1, 2, 3, 4, 5, 100, 0x8000 - 1, 0x8000, 0x8000 * 2 + 7];
    for (const length of lengths) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff));
      expect(bytes.toString('base64'), `length ${length}`).toBe(rfc4648(bytes));
    }
  });

  it('leaves every other call alone: ranges, other encodings, no argument', () => {
    const bytes = Buffer.from('hello, MQTT');
    expect(bytes.toString('base64', 1, 4)).toBe(rfc4648(bytes.subarray(1, 4)));
    expect(bytes.toString('hex')).toBe('68656c6c6f2c204d515454');
    expect(bytes.toString()).toBe('hello, MQTT');
    expect(bytes.toString('utf8')).toBe('hello, MQTT');
  });
});
