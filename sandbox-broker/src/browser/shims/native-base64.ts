/**
 * `buffer.toString('base64')` on the browser's own base64 encoder. The recorder keeps every
 * packet's bytes (and payloads) as base64, and npm `buffer` encodes in JavaScript: in the broker
 * worker that was a quarter of the time spent per message under load.
 */
import { Buffer } from 'buffer';

/** `Uint8Array.prototype.toBase64` (ES2026), where the browser has it. */
type WithToBase64 = Uint8Array & { toBase64?: () => string };

/** Bytes per `String.fromCharCode` call: well under any engine's argument limit. */
const CHUNK = 0x8000;

function base64Of(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}

const bufferToString = Buffer.prototype.toString;

/** Only the plain `toString('base64')` call takes the native path; every other call is unchanged. */
export function useNativeBase64(): void {
  Buffer.prototype.toString = function toString(this: Buffer, ...args: unknown[]): string {
    if (args.length === 1 && args[0] === 'base64') return base64Of(this);
    return (bufferToString as (...rest: unknown[]) => string).apply(this, args);
  };
}
