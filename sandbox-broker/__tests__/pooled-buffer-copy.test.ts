import { Buffer } from 'buffer';
import { describe, expect, it } from 'vitest';
import { usePooledBufferCopies } from '../src/browser/shims/pooled-buffer-copy.ts';

const bytes = (length: number, seed: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('pooled Buffer.from copies for the broker worker', () => {
  const bufferFrom = Buffer.from;
  usePooledBufferCopies();

  it('replaces Buffer.from (so the cases below run through it)', () => {
    expect(Buffer.from).not.toBe(bufferFrom);
  });

  it('copies: a later change to the source (a writer reusing its buffer) does not reach the copy', () => {
    const source = bytes(100, 1);
    const copy = Buffer.from(source);
    source.fill(0);
    expect([...copy]).toEqual([...bytes(100, 1)]);
    expect(Buffer.isBuffer(copy)).toBe(true);
    expect(copy.toString('hex')).toBe(Buffer.from(bytes(100, 1).buffer).toString('hex'));
  });

  it('keeps every copy intact across many copies and pool refills (no overlap between copies)', () => {
    const sources = Array.from({ length: 500 }, (_, i) => bytes(1 + ((i * 37) % 200), i));
    const copies = sources.map((source) => Buffer.from(source));
    copies.forEach((copy, i) => expect([...copy], `copy ${i}`).toEqual([...sources[i]!]));
  });

  it('gives large copies a buffer of their own and leaves other argument shapes alone', () => {
    const large = Buffer.from(bytes(5000, 3));
    expect(large.buffer.byteLength).toBeGreaterThanOrEqual(5000);
    expect([...large]).toEqual([...bytes(5000, 3)]);
    expect(Buffer.from('hello').toString()).toBe('hello');
    expect(Buffer.from('68656c6c6f', 'hex').toString()).toBe('hello');
    expect([...Buffer.from([1, 2, 3])]).toEqual([1, 2, 3]);
  });
});
