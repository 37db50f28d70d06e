/**
 * Node globals that aedes and its dependencies use without importing them. Imported first by the
 * broker worker's entry, so they exist before any of that code runs.
 */
import { Buffer } from 'buffer';
import { useNativeBase64 } from './native-base64.ts';
import { usePooledBufferCopies } from './pooled-buffer-copy.ts';
import process from './process.ts';

type ImmediateCallback = (...args: unknown[]) => void;

/**
 * `setImmediate` on a MessageChannel: a macrotask without the 4 ms clamp browsers put on nested
 * `setTimeout(0)`, which aedes would hit on every write.
 */
function installSetImmediate(): void {
  const queue = new Map<number, () => void>();
  let nextHandle = 1;
  let turnRequested = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    turnRequested = false;
    // Run what was queued before this turn (unless cleared meanwhile); later ones wait a turn.
    for (const handle of [...queue.keys()]) {
      const run = queue.get(handle);
      if (!run) continue;
      queue.delete(handle);
      run();
    }
  };
  const setImmediate = (fn: ImmediateCallback, ...args: unknown[]): number => {
    const handle = nextHandle++;
    queue.set(handle, () => fn(...args));
    if (!turnRequested) {
      turnRequested = true;
      channel.port2.postMessage(null);
    }
    return handle;
  };
  const clearImmediate = (handle: number): void => {
    queue.delete(handle);
  };
  Object.assign(globalThis, { setImmediate, clearImmediate });
}

if (typeof globalThis.setImmediate !== 'function') installSetImmediate();
Object.assign(globalThis, { global: globalThis });
if (!('Buffer' in globalThis)) Object.assign(globalThis, { Buffer });
useNativeBase64();
usePooledBufferCopies();
if (!('process' in globalThis)) Object.assign(globalThis, { process });
