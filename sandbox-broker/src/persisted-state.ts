/**
 * What survives a broker restart in node mode (`npm run broker -- --persist file`), as JSON:
 * retained messages and persistent sessions (their subscriptions, the QoS>0 messages queued for
 * them, and for 5.0 sessions the Session Expiry time left). Binary values (payloads,
 * correlation data) are written as `{ "$base64": "…" }`.
 */
import { Buffer } from 'buffer';

export interface PersistedSubscription {
  topic: string;
  qos: number;
  [option: string]: unknown;
}

export interface PersistedSession {
  clientId: string;
  subscriptions: PersistedSubscription[];
  /** aedes packets queued for the session, binary values encoded. */
  queued: Record<string, unknown>[];
  /** Seconds the session has left once disconnected (5.0 Session Expiry); absent = never expires. */
  expiresInSeconds?: number;
}

export interface PersistedState {
  format: 'mqtt-lab-broker-state';
  version: 1;
  savedAt: string;
  retained: Record<string, unknown>[];
  sessions: PersistedSession[];
}

const BASE64 = '$base64';

/** A deep copy with every byte array as `{ $base64 }`, ready for JSON. */
export function encodeBinary(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BASE64]: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeBinary);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined && typeof field !== 'function') out[key] = encodeBinary(field);
    return out;
  }
  return value;
}

/** The inverse of encodeBinary: `{ $base64 }` objects become Buffers again. */
export function decodeBinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBinary);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === BASE64 && typeof entries[0][1] === 'string') return Buffer.from(entries[0][1], 'base64');
    return Object.fromEntries(entries.map(([key, field]) => [key, decodeBinary(field)]));
  }
  return value;
}

/** Checks the shape of a parsed state file; throws a message naming what is wrong. */
export function assertPersistedState(data: unknown): asserts data is PersistedState {
  const state = data as Partial<PersistedState> | null;
  if (!state || state.format !== 'mqtt-lab-broker-state') throw new Error('not an MQTT Lab broker state file (no "format": "mqtt-lab-broker-state")');
  if (state.version !== 1) throw new Error(`state file version ${String(state.version)} is not supported (expected 1)`);
  if (!Array.isArray(state.retained) || !Array.isArray(state.sessions)) throw new Error('state file lacks "retained" or "sessions" lists');
  for (const session of state.sessions) {
    if (typeof session?.clientId !== 'string' || !Array.isArray(session.subscriptions) || !Array.isArray(session.queued)) {
      throw new Error('a session in the state file lacks clientId, subscriptions or queued');
    }
  }
}
