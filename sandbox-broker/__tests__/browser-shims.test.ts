import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { inherits, promisify } from '../src/browser/shims/util.ts';
import { randomUUID } from '../src/browser/shims/crypto.ts';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the browser stand-ins for Node built-ins', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('util.inherits links an ES class to its parent (npm util@0.12 throws here)', () => {
    class Child {}
    inherits(Child, EventEmitter);
    const child = new Child() as EventEmitter;
    expect(child).toBeInstanceOf(EventEmitter);
    expect(typeof child.on).toBe('function');
  });

  it('util.promisify resolves with the callback value, rejects with its error, keeps `this`', async () => {
    const target = {
      factor: 2,
      double(this: { factor: number }, n: number, callback: (error: unknown, value?: number) => void) {
        if (n < 0) callback(new Error('negative'));
        else callback(null, n * this.factor);
      },
    };
    const double = promisify(target.double as never).bind(target) as (n: number) => Promise<number>;
    await expect(double(21)).resolves.toBe(42);
    await expect(double(-1)).rejects.toThrow('negative');
  });

  it('crypto.randomUUID falls back to getRandomValues where randomUUID is missing (plain-http origins)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) });
    const uuid = randomUUID();
    expect(uuid).toMatch(uuidV4);
    expect(uuid).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('crypto.randomUUID uses the platform one when present', () => {
    expect(randomUUID()).toMatch(uuidV4);
  });
});
