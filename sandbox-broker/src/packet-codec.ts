/**
 * Decoding and encoding single MQTT packets with mqtt-packet, and turning a decoded packet into
 * the plain, JSON-safe form the run record holds.
 */
import { Buffer } from 'buffer';
import * as mqttPacket from 'mqtt-packet';
import type { BinaryField, DecodedPacket, ProtocolLevel } from './record-types.ts';

/** A packet as mqtt-packet represents it (Buffers included). */
export interface WirePacket {
  cmd: DecodedPacket['cmd'];
  [field: string]: unknown;
}

export type DecodeResult = { ok: true; packet: WirePacket } | { ok: false; error: string };

/** A reusable decoder for one direction of one link; the protocol level is set once CONNECT is seen. */
export class PacketDecoder {
  private readonly parser = mqttPacket.parser({ protocolVersion: 4 });
  private result: DecodeResult | undefined;

  constructor() {
    this.parser.on('packet', (packet) => {
      this.result = { ok: true, packet: packet as unknown as WirePacket };
    });
    this.parser.on('error', (error: Error) => {
      this.result = { ok: false, error: error.message };
    });
  }

  setProtocolLevel(level: ProtocolLevel): void {
    (this.parser as unknown as { settings: { protocolVersion: number } }).settings = { protocolVersion: level };
  }

  /** Decodes exactly one whole frame (as cut by the Framer). */
  decode(frame: Buffer): DecodeResult {
    this.result = undefined;
    try {
      this.parser.parse(frame);
    } catch (error) {
      this.result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const result = rejectCutShort(this.result ?? { ok: false, error: 'incomplete packet' });
    if (!result.ok) {
      // Start the next frame from a clean state.
      (this.parser as unknown as { _resetState(): void })._resetState();
    }
    return result;
  }
}

/** mqtt-packet yields null for a property string that runs past the end of the packet: malformed. */
function rejectCutShort(result: DecodeResult): DecodeResult {
  if (result.ok && hasCutShortProperty(result.packet)) return { ok: false, error: 'a property string runs past the end of the packet' };
  return result;
}

/**
 * True when a property value of the packet or its will is null. (A cut-short user property name
 * leaves the parser where it was, so its value is cut short, and null, too.)
 */
function hasCutShortProperty(packet: WirePacket): boolean {
  const will = packet['will'] as { properties?: unknown } | undefined;
  return [packet['properties'], will?.properties].some((properties) => properties != null && containsNull(properties));
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(containsNull);
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return Object.values(value as object).some(containsNull);
  return false;
}

export function encodePacket(packet: WirePacket, level: ProtocolLevel): Buffer {
  return mqttPacket.generate(packet as unknown as mqttPacket.Packet, { protocolVersion: level });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function toBinaryField(bytes: Uint8Array): BinaryField {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field: BinaryField = { base64: buffer.toString('base64') };
  if (isValidUtf8(bytes)) field.utf8 = buffer.toString('utf8');
  return field;
}

/** Deep copy of a decoded packet with every binary value made a BinaryField and no null or undefined values. */
export function toPlainPacket(packet: WirePacket): DecodedPacket {
  return toPlain(packet) as DecodedPacket;
}

function toPlain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toBinaryField(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      // mqtt-packet leaves unused fields (topic, payload, messageId...) as null: they say nothing.
      if (field === undefined || field === null || typeof field === 'function') continue;
      out[key] = toPlain(field);
    }
    return out;
  }
  return value;
}
