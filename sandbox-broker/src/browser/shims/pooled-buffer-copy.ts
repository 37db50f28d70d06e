/**
 * `Buffer.from(uint8Array)` copying into a shared slab, as Node's own Buffer does for small
 * copies. npm `buffer` allocates a fresh ArrayBuffer per copy, and the broker copies every packet
 * more than once (its link's in-memory pair, the framer): in the broker worker under load those
 * allocations were about a quarter of the time spent per message.
 */
import { Buffer } from 'buffer';

/** Node's `Buffer.poolSize`; copies of half of it or more get an ArrayBuffer of their own, as in Node. */
const POOL_SIZE = 8 * 1024;

let pool = new ArrayBuffer(POOL_SIZE);
let used = 0;

function pooledCopy(source: Uint8Array): Buffer {
  const size = source.byteLength;
  if (used + size > POOL_SIZE) {
    pool = new ArrayBuffer(POOL_SIZE);
    used = 0;
  }
  const copy = new Uint8Array(pool, used, size);
  copy.set(source);
  // 8-byte aligned, like Node's pool.
  used = (used + size + 7) & ~7;
  return Object.setPrototypeOf(copy, Buffer.prototype) as Buffer;
}

const bufferFrom = Buffer.from;

/** Only a lone small Uint8Array (or Buffer) argument takes the pooled path; every other call is unchanged. */
export function usePooledBufferCopies(): void {
  Buffer.from = function from(this: typeof Buffer, ...args: unknown[]): Buffer {
    const [value] = args;
    if (args.length === 1 && value instanceof Uint8Array && value.byteLength < POOL_SIZE >>> 1) return pooledCopy(value);
    return (bufferFrom as (...rest: unknown[]) => Buffer).apply(this, args);
  } as typeof Buffer.from;
}
