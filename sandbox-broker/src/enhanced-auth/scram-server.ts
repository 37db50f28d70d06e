/**
 * SCRAM-SHA-256 (RFC 7677, the mechanism of RFC 5802) as an MQTT 5.0 enhanced authentication
 * method on the broker side, against the broker's configured users:
 *   CONNECT  data = client-first-message  "n,,n=<user>,r=<client nonce>"
 *   AUTH 0x18 data = server-first-message "r=<client nonce><server nonce>,s=<salt>,i=4096"
 *   AUTH 0x18 data = client-final-message "c=biws,r=<nonces>,p=<client proof>"
 *   CONNACK 0x00 data = server-final-message "v=<server signature>"
 * The password never crosses the wire; the broker proves it knows the password too (ServerSignature).
 * Not implemented (a lab, not a product): SASLprep of passwords (ASCII passwords need none),
 * channel binding (the client must send "n,,"), stored keys (the broker derives them from the
 * plain passwords it was configured with, once per user).
 */
import { equalBytes, escapeName, fromBase64, makeNonce, parseAttributes, saltedPassword, scramKeys, sha256, hmac, toBase64, unescapeName, xor } from './scram-crypto.ts';
import type { AuthConversation, AuthenticationMethod, AuthStep } from './method.ts';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
/** RFC 7677 §4: at least 4096 iterations. */
const ITERATIONS = 4096;
const NOT_AUTHORIZED = 0x87;
const BAD_USER_NAME_OR_PASSWORD = 0x86;

interface Credentials {
  salt: Uint8Array;
  storedKey: Uint8Array;
  serverKey: Uint8Array;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function text(data: Uint8Array | undefined): string | undefined {
  if (!data) return undefined;
  try {
    return decoder.decode(data);
  } catch {
    return undefined;
  }
}

const failure = (reason: string, reasonCode = NOT_AUTHORIZED): AuthStep => ({ kind: 'failure', reasonCode, reason: `${SCRAM_SHA_256}: ${reason}` });

export function scramSha256(users: Readonly<Record<string, string>>): AuthenticationMethod {
  const credentials = new Map<string, Promise<Credentials>>();
  const credentialsOf = (username: string): Promise<Credentials> | undefined => {
    if (!Object.hasOwn(users, username)) return undefined;
    let found = credentials.get(username);
    if (!found) {
      const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
      found = saltedPassword(users[username] as string, salt, ITERATIONS).then(async (salted) => ({ salt, ...(await scramKeys(salted)) }));
      credentials.set(username, found);
    }
    return found;
  };

  return {
    name: SCRAM_SHA_256,
    start(): AuthConversation {
      let expecting: 'client-first' | 'client-final' | 'done' = 'client-first';
      let username = '';
      let clientFirstBare = '';
      let serverFirst = '';
      let nonce = '';
      let known: Credentials | undefined;
      return {
        async step(data) {
          const message = text(data);
          if (expecting === 'client-first') {
            expecting = 'client-final';
            // gs2-header "n,," (no channel binding, no authzid), then client-first-message-bare.
            const match = message === undefined ? null : /^n,,(n=[^,]*,r=[^,]+)(,.*)?$/.exec(message);
            if (!match) return failure('Authentication Data is not a client-first-message "n,,n=<user>,r=<nonce>"');
            clientFirstBare = match[1] as string;
            const attributes = parseAttributes(clientFirstBare) as Record<string, string>;
            username = unescapeName(attributes['n'] as string);
            nonce = (attributes['r'] as string) + makeNonce();
            known = await credentialsOf(username);
            // An unknown user gets a challenge like any other and fails at the proof (RFC 5802 §9):
            // the broker does not tell who exists.
            const salt = known?.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(16));
            serverFirst = `r=${nonce},s=${toBase64(salt)},i=${ITERATIONS}`;
            return { kind: 'continue', data: encoder.encode(serverFirst) };
          }
          if (expecting === 'client-final') {
            expecting = 'done';
            const match = message === undefined ? null : /^(c=([^,]*),r=([^,]*))(?:,[^p][^,]*)*,p=([^,]+)$/.exec(message);
            if (!match) return failure('Authentication Data is not a client-final-message "c=biws,r=<nonce>,p=<proof>"');
            const [, withoutProof, channelBinding, finalNonce, proofText] = match as unknown as [string, string, string, string, string];
            if (channelBinding !== 'biws') return failure('channel binding is not supported: c= must be biws ("n,,")');
            if (finalNonce !== nonce) return failure('the nonce does not match the one the broker sent');
            const proof = fromBase64(proofText);
            if (!known || !proof) return failure(`wrong password or unknown user "${escapeName(username)}"`, BAD_USER_NAME_OR_PASSWORD);
            const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
            const clientSignature = await hmac(known.storedKey, authMessage);
            // ClientKey = ClientProof XOR ClientSignature; the proof holds when H(ClientKey) = StoredKey.
            if (!equalBytes(await sha256(xor(proof, clientSignature)), known.storedKey)) {
              return failure(`wrong password for "${escapeName(username)}"`, BAD_USER_NAME_OR_PASSWORD);
            }
            const serverSignature = await hmac(known.serverKey, authMessage);
            return { kind: 'success', username, data: encoder.encode(`v=${toBase64(serverSignature)}`) };
          }
          return failure('the exchange is already complete');
        },
      };
    },
  };
}
