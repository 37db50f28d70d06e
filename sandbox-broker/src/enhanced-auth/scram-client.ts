/**
 * The client side of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677), for use with MQTT.js: the first
 * message goes into CONNECT's `properties.authenticationData`, `respond` answers the broker's
 * challenge (from `client.handleAuth`), and `verifyServer` checks the broker's final message
 * (CONNACK, or AUTH 0x00 after re-authentication) so the client knows the broker holds the password too.
 */
import { equalBytes, escapeName, fromBase64, hmac, makeNonce, parseAttributes, saltedPassword, scramKeys, toBase64, xor } from './scram-crypto.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface ScramClient {
  /** client-first-message "n,,n=<user>,r=<nonce>". */
  readonly firstMessage: Uint8Array;
  /** Answers server-first-message with client-final-message (carrying the proof). */
  respond(serverFirst: Uint8Array): Promise<Uint8Array>;
  /** True when server-final-message "v=…" carries the signature only a broker knowing the password can compute. */
  verifyServer(serverFinal: Uint8Array): boolean;
}

export function scramClient(username: string, password: string, nonce = makeNonce()): ScramClient {
  const firstBare = `n=${escapeName(username)},r=${nonce}`;
  let expectedServerSignature: Uint8Array | undefined;
  return {
    firstMessage: encoder.encode(`n,,${firstBare}`),
    async respond(serverFirstBytes) {
      const serverFirst = decoder.decode(serverFirstBytes);
      const attributes = parseAttributes(serverFirst);
      const salt = fromBase64(attributes?.['s'] ?? '');
      const iterations = Number(attributes?.['i']);
      const combined = attributes?.['r'] ?? '';
      if (!salt || !Number.isInteger(iterations) || iterations < 1 || !combined.startsWith(nonce)) throw new Error(`not a SCRAM server-first-message: ${serverFirst}`);
      const withoutProof = `c=biws,r=${combined}`;
      const authMessage = `${firstBare},${serverFirst},${withoutProof}`;
      const keys = await scramKeys(await saltedPassword(password, salt, iterations));
      const proof = xor(keys.clientKey, await hmac(keys.storedKey, authMessage));
      expectedServerSignature = await hmac(keys.serverKey, authMessage);
      return encoder.encode(`${withoutProof},p=${toBase64(proof)}`);
    },
    verifyServer(serverFinal) {
      const signature = fromBase64(parseAttributes(decoder.decode(serverFinal))?.['v'] ?? '');
      return expectedServerSignature !== undefined && signature !== undefined && equalBytes(signature, expectedServerSignature);
    },
  };
}
