/**
 * The MQTT-SN v1.2 message codec (MQTT For Sensor Networks Protocol Specification Version 1.2,
 * Stanford-Clark & Truong, IBM, 2013). One datagram carries exactly one message:
 *
 *   Length (1 octet, or 0x01 + 2 octets) · MsgType (1 octet) · variable part      (§5.1, §5.2)
 *
 * The Length counts the whole message, itself included (§5.2.1). Decoding never throws: a datagram
 * that breaks the format comes back as `{ ok: false, error }` with the reason in words.
 */
import {
  decodeFlags, encodeFlags, MSG_TYPE_NAMES, MSG_TYPES, type SnMessageType, type SnQoS, type TopicIdType,
} from './constants.ts';

export type SnPacket =
  | { type: 'advertise'; gwId: number; duration: number }
  | { type: 'searchgw'; radius: number }
  | { type: 'gwinfo'; gwId: number; gwAdd?: Uint8Array }
  | { type: 'connect'; will: boolean; cleanSession: boolean; protocolId: number; duration: number; clientId: string }
  | { type: 'connack'; returnCode: number }
  | { type: 'willtopicreq' }
  /** An empty WILLTOPIC (no flags, no topic) deletes the will (§5.4.7). */
  | { type: 'willtopic'; qos?: SnQoS; retain?: boolean; willTopic?: string }
  | { type: 'willmsgreq' }
  | { type: 'willmsg'; willMsg: Uint8Array }
  | { type: 'register'; topicId: number; msgId: number; topicName: string }
  | { type: 'regack'; topicId: number; msgId: number; returnCode: number }
  /** `topicId` for a normal or pre-defined id; `shortTopic` (two characters) for TopicIdType 0b10. */
  | { type: 'publish'; dup: boolean; qos: SnQoS; retain: boolean; topicIdType: TopicIdType; topicId?: number; shortTopic?: string; msgId: number; data: Uint8Array }
  | { type: 'puback'; topicId: number; msgId: number; returnCode: number }
  | { type: 'pubrec' | 'pubrel' | 'pubcomp' | 'unsuback'; msgId: number }
  /** TopicIdType 0b00: `topicName` (wildcards allowed); 0b01: `topicId`; 0b10: `shortTopic`. */
  | { type: 'subscribe'; dup: boolean; qos: SnQoS; topicIdType: TopicIdType; msgId: number; topicName?: string; topicId?: number; shortTopic?: string }
  | { type: 'suback'; qos: SnQoS; topicId: number; msgId: number; returnCode: number }
  | { type: 'unsubscribe'; topicIdType: TopicIdType; msgId: number; topicName?: string; topicId?: number; shortTopic?: string }
  | { type: 'pingreq'; clientId?: string }
  | { type: 'pingresp' }
  | { type: 'disconnect'; duration?: number }
  | { type: 'willtopicupd'; qos?: SnQoS; retain?: boolean; willTopic?: string }
  | { type: 'willmsgupd'; willMsg: Uint8Array }
  | { type: 'willtopicresp' | 'willmsgresp'; returnCode: number };

export type SnDecodeResult = { ok: true; packet: SnPacket } | { ok: false; error: string };

/** §5.3.1: the ClientId is 1 to 23 characters long. */
export const MAX_CLIENT_ID_LENGTH = 23;
/** A 3-octet Length field can count at most this many octets. */
export const MAX_MESSAGE_LENGTH = 0xffff;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

class Malformed extends Error {}

/** Reads the variable part of one message; every read past its end is a Malformed error naming the field. */
class Reader {
  pos: number;
  private readonly bytes: Uint8Array;
  private readonly name: string;
  constructor(bytes: Uint8Array, start: number, name: string) {
    this.bytes = bytes;
    this.name = name;
    this.pos = start;
  }
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
  u8(field: string): number {
    if (this.remaining < 1) throw new Malformed(`${this.name} ends before its ${field}`);
    return this.bytes[this.pos++] ?? 0;
  }
  u16(field: string): number {
    if (this.remaining < 2) throw new Malformed(`${this.name} ends before its two-octet ${field}`);
    const value = ((this.bytes[this.pos] ?? 0) << 8) | (this.bytes[this.pos + 1] ?? 0);
    this.pos += 2;
    return value;
  }
  take(length: number, field: string): Uint8Array {
    if (this.remaining < length) throw new Malformed(`${this.name} ends inside its ${length}-octet ${field}`);
    const slice = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }
  rest(): Uint8Array {
    const slice = this.bytes.slice(this.pos);
    this.pos = this.bytes.length;
    return slice;
  }
  text(field: string, bytes = this.rest()): string {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      throw new Malformed(`${this.name}: the ${field} is not valid UTF-8`);
    }
  }
  end(): void {
    if (this.remaining > 0) throw new Malformed(`${this.name} has ${this.remaining} octet(s) after its last field`);
  }
}

/** Where the MsgType octet is and how long the message says it is (§5.2.1). */
function readHeader(bytes: Uint8Array): { length: number; typeAt: number } {
  if (bytes.length < 2) throw new Malformed(`a datagram of ${bytes.length} octet(s) is shorter than the smallest message (Length and MsgType, 2 octets)`);
  const first = bytes[0] ?? 0;
  if (first === 0x01) {
    if (bytes.length < 4) throw new Malformed('Length starts with 0x01 (three-octet form) but the datagram is too short for it and a MsgType');
    return { length: ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0), typeAt: 3 };
  }
  if (first === 0x00) throw new Malformed('Length 0 is not a valid message length');
  return { length: first, typeAt: 1 };
}

export function decodeSnPacket(bytes: Uint8Array): SnDecodeResult {
  try {
    return { ok: true, packet: decode(bytes) };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, error: error.message };
    throw error;
  }
}

function decode(bytes: Uint8Array): SnPacket {
  const { length, typeAt } = readHeader(bytes);
  if (length !== bytes.length) throw new Malformed(`the Length field says ${length} octets but the datagram has ${bytes.length} (§5.2.1: Length counts the whole message)`);
  if (typeAt === 3 && length <= 255) throw new Malformed(`a message of ${length} octets must use the one-octet Length form (§5.2.1)`);
  const code = bytes[typeAt] ?? 0;
  const type = MSG_TYPE_NAMES.get(code);
  if (code === 0xfe) throw new Malformed('forwarder encapsulation (MsgType 0xFE, §5.5) is not supported by this gateway');
  if (!type) throw new Malformed(`MsgType 0x${code.toString(16).padStart(2, '0').toUpperCase()} is reserved (§5.2.2)`);
  const r = new Reader(bytes, typeAt + 1, type.toUpperCase());
  const packet = decodeBody(type, r);
  r.end();
  return packet;
}

function decodeBody(type: SnMessageType, r: Reader): SnPacket {
  switch (type) {
    case 'advertise':
      return { type, gwId: r.u8('GwId'), duration: r.u16('Duration') };
    case 'searchgw':
      return { type, radius: r.u8('Radius') };
    case 'gwinfo': {
      const gwId = r.u8('GwId');
      return r.remaining > 0 ? { type, gwId, gwAdd: r.rest() } : { type, gwId };
    }
    case 'connect': {
      const flags = decodeFlags(r.u8('Flags'));
      const protocolId = r.u8('ProtocolId');
      const duration = r.u16('Duration');
      const clientId = r.text('ClientId');
      if (clientId.length < 1 || clientId.length > MAX_CLIENT_ID_LENGTH) throw new Malformed(`CONNECT: the ClientId must be 1 to ${MAX_CLIENT_ID_LENGTH} characters long (§5.3.1), not ${clientId.length}`);
      return { type, will: flags.will, cleanSession: flags.cleanSession, protocolId, duration, clientId };
    }
    case 'connack':
    case 'willtopicresp':
    case 'willmsgresp':
      return { type, returnCode: r.u8('ReturnCode') };
    case 'willtopicreq':
    case 'willmsgreq':
    case 'pingresp':
      return { type };
    case 'willtopic':
    case 'willtopicupd': {
      if (r.remaining === 0) return { type };
      const flags = decodeFlags(r.u8('Flags'));
      return { type, qos: flags.qos, retain: flags.retain, willTopic: r.text('WillTopic') };
    }
    case 'willmsg':
    case 'willmsgupd':
      return { type, willMsg: r.rest() };
    case 'register': {
      const topicId = r.u16('TopicId');
      const msgId = r.u16('MsgId');
      const topicName = r.text('TopicName');
      if (topicName === '') throw new Malformed('REGISTER: the TopicName is empty');
      return { type, topicId, msgId, topicName };
    }
    case 'regack':
    case 'puback':
      return { type, topicId: r.u16('TopicId'), msgId: r.u16('MsgId'), returnCode: r.u8('ReturnCode') };
    case 'publish': {
      const flags = decodeFlags(r.u8('Flags'));
      if (flags.topicIdType === 3) throw new Malformed('PUBLISH: TopicIdType 0b11 is reserved (§5.3.4)');
      if (flags.qos === -1 && flags.topicIdType === 0) throw new Malformed('PUBLISH: QoS -1 needs a pre-defined topic id or a short topic name (§6.8), not a normal topic id');
      const topic = topicField(flags.topicIdType, r);
      const msgId = r.u16('MsgId');
      return { type, dup: flags.dup, qos: flags.qos, retain: flags.retain, topicIdType: flags.topicIdType, ...topic, msgId, data: r.rest() };
    }
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      return { type, msgId: r.u16('MsgId') };
    case 'subscribe':
    case 'unsubscribe': {
      const flags = decodeFlags(r.u8('Flags'));
      if (flags.topicIdType === 3) throw new Malformed(`${type.toUpperCase()}: TopicIdType 0b11 is reserved (§5.3.4)`);
      const msgId = r.u16('MsgId');
      const topic = flags.topicIdType === 0 ? { topicName: r.text('TopicName') } : topicField(flags.topicIdType, r);
      if (topic.topicName === '') throw new Malformed(`${type.toUpperCase()}: the TopicName is empty`);
      if (type === 'unsubscribe') return { type, topicIdType: flags.topicIdType, msgId, ...topic };
      return { type, dup: flags.dup, qos: flags.qos, topicIdType: flags.topicIdType, msgId, ...topic };
    }
    case 'suback': {
      const flags = decodeFlags(r.u8('Flags'));
      return { type, qos: flags.qos, topicId: r.u16('TopicId'), msgId: r.u16('MsgId'), returnCode: r.u8('ReturnCode') };
    }
    case 'pingreq':
      return r.remaining > 0 ? { type, clientId: r.text('ClientId') } : { type };
    case 'disconnect':
      return r.remaining > 0 ? { type, duration: r.u16('Duration') } : { type };
  }
}

/** The two-octet TopicId field: a number, or for TopicIdType 0b10 a two-character short topic name (§6.7). */
function topicField(topicIdType: TopicIdType, r: Reader): { topicId?: number; shortTopic?: string; topicName?: string } {
  if (topicIdType !== 2) return { topicId: r.u16('TopicId') };
  return { shortTopic: r.text('short topic name', r.take(2, 'short topic name')) };
}

// ---- encoding ----------------------------------------------------------------------------------

class Writer {
  private readonly parts: number[] = [];
  u8(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }
  u16(value: number): this {
    this.parts.push((value >> 8) & 0xff, value & 0xff);
    return this;
  }
  bytes(value: Uint8Array): this {
    for (const b of value) this.parts.push(b);
    return this;
  }
  text(value: string): this {
    return this.bytes(utf8.encode(value));
  }
  get body(): number[] {
    return this.parts;
  }
}

/** The two octets of a short topic name; it must be exactly two octets of UTF-8 (§6.7). */
export function shortTopicBytes(name: string): Uint8Array {
  const bytes = utf8.encode(name);
  if (bytes.length !== 2) throw new Error(`a short topic name is exactly two octets, "${name}" is ${bytes.length}`);
  return bytes;
}

function writeTopic(w: Writer, packet: { topicIdType: TopicIdType; topicId?: number; shortTopic?: string }): void {
  if (packet.topicIdType === 2) w.bytes(shortTopicBytes(packet.shortTopic ?? ''));
  else w.u16(packet.topicId ?? 0);
}

/** Encodes one message; throws on a value the format cannot carry (a programming error, not input). */
export function encodeSnPacket(packet: SnPacket): Uint8Array {
  const w = new Writer();
  switch (packet.type) {
    case 'advertise':
      w.u8(packet.gwId).u16(packet.duration);
      break;
    case 'searchgw':
      w.u8(packet.radius);
      break;
    case 'gwinfo':
      w.u8(packet.gwId);
      if (packet.gwAdd) w.bytes(packet.gwAdd);
      break;
    case 'connect':
      if (packet.clientId.length < 1 || packet.clientId.length > MAX_CLIENT_ID_LENGTH) throw new Error(`an MQTT-SN ClientId is 1 to ${MAX_CLIENT_ID_LENGTH} characters long (§5.3.1)`);
      w.u8(encodeFlags({ will: packet.will, cleanSession: packet.cleanSession })).u8(packet.protocolId).u16(packet.duration).text(packet.clientId);
      break;
    case 'connack':
    case 'willtopicresp':
    case 'willmsgresp':
      w.u8(packet.returnCode);
      break;
    case 'willtopicreq':
    case 'willmsgreq':
    case 'pingresp':
      break;
    case 'willtopic':
    case 'willtopicupd':
      if (packet.willTopic !== undefined) w.u8(encodeFlags({ qos: packet.qos ?? 0, retain: packet.retain ?? false })).text(packet.willTopic);
      break;
    case 'willmsg':
    case 'willmsgupd':
      w.bytes(packet.willMsg);
      break;
    case 'register':
      w.u16(packet.topicId).u16(packet.msgId).text(packet.topicName);
      break;
    case 'regack':
    case 'puback':
      w.u16(packet.topicId).u16(packet.msgId).u8(packet.returnCode);
      break;
    case 'publish':
      w.u8(encodeFlags({ dup: packet.dup, qos: packet.qos, retain: packet.retain, topicIdType: packet.topicIdType }));
      writeTopic(w, packet);
      w.u16(packet.msgId).bytes(packet.data);
      break;
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      w.u16(packet.msgId);
      break;
    case 'subscribe':
    case 'unsubscribe': {
      const dup = packet.type === 'subscribe' ? packet.dup : false;
      const qos = packet.type === 'subscribe' ? packet.qos : 0;
      w.u8(encodeFlags({ dup, qos, topicIdType: packet.topicIdType })).u16(packet.msgId);
      if (packet.topicIdType === 0) w.text(packet.topicName ?? '');
      else writeTopic(w, packet);
      break;
    }
    case 'suback':
      w.u8(encodeFlags({ qos: packet.qos })).u16(packet.topicId).u16(packet.msgId).u8(packet.returnCode);
      break;
    case 'pingreq':
      if (packet.clientId !== undefined) w.text(packet.clientId);
      break;
    case 'disconnect':
      if (packet.duration !== undefined) w.u16(packet.duration);
      break;
  }
  const body = w.body;
  const code = MSG_TYPES[packet.type];
  // §5.2.1: one Length octet up to 255 octets in all, else 0x01 followed by a two-octet length.
  const short = body.length + 2 <= 255;
  const length = body.length + (short ? 2 : 4);
  if (length > MAX_MESSAGE_LENGTH) throw new Error(`an MQTT-SN message is at most ${MAX_MESSAGE_LENGTH} octets, this one would be ${length}`);
  const header = short ? [length, code] : [0x01, (length >> 8) & 0xff, length & 0xff, code];
  return Uint8Array.from([...header, ...body]);
}
