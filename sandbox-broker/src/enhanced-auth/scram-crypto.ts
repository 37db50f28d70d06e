/**
 * The SCRAM-SHA-256 primitives of RFC 5802 §3 / RFC 7677 on Web Crypto (`crypto.subtle`), which
 * both Node 22 and browsers (secure contexts: https and localhost) provide, in the page and in
 * workers. Shared by the broker's method and by the client helper the demos and tests use.
 */
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  // Browsers expose crypto.subtle only to secure contexts (https, localhost).
  if (!api) throw new Error('SCRAM-SHA-256 needs Web Crypto (crypto.subtle), which this context does not provide (not https or localhost?)');
  return api;
}

const bytes = (value: string | Uint8Array): Uint8Array<ArrayBuffer> => (typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value));

/** Hi(password, salt, i) = PBKDF2 with HMAC-SHA-256 (RFC 5802 §2.2). */
export async function saltedPassword(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', bytes(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hmac(key: Uint8Array, message: string | Uint8Array): Promise<Uint8Array> {
  const imported = await subtle().importKey('raw', bytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', imported, bytes(message)));
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes(data)));
}

export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((byte, i) => byte ^ (b[i] ?? 0));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** A printable nonce (RFC 5802 §5.1: any printable characters but ','), 18 random bytes as base64. */
export function makeNonce(): string {
  return toBase64(globalThis.crypto.getRandomValues(new Uint8Array(18)));
}

export function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Splits "a=1,b=2" into { a: '1', b: '2' } (RFC 5802 §5.1 attribute-value pairs); undefined when malformed. */
export function parseAttributes(message: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of message.split(',')) {
    const match = /^([a-zA-Z])=(.*)$/.exec(part);
    if (!match) return undefined;
    out[match[1] as string] = match[2] as string;
  }
  return out;
}

/** saslname escaping (RFC 5802 §5.1): '=' → '=3D', ',' → '=2C'. */
export const escapeName = (name: string): string => name.replaceAll('=', '=3D').replaceAll(',', '=2C');
export const unescapeName = (name: string): string => name.replaceAll('=2C', ',').replaceAll('=3D', '=');

/** ClientKey, StoredKey and ServerKey from the salted password (RFC 5802 §3). */
export async function scramKeys(salted: Uint8Array): Promise<{ clientKey: Uint8Array; storedKey: Uint8Array; serverKey: Uint8Array }> {
  const clientKey = await hmac(salted, 'Client Key');
  return { clientKey, storedKey: await sha256(clientKey), serverKey: await hmac(salted, 'Server Key') };
}
