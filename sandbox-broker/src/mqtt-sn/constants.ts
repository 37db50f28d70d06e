/** MQTT-SN v1.2 numbers: MsgType values (§5.2.2, Table 3), the Flags octet (§5.3.4), ReturnCode values (§5.3.10). */

export const MSG_TYPES = {
  advertise: 0x00,
  searchgw: 0x01,
  gwinfo: 0x02,
  connect: 0x04,
  connack: 0x05,
  willtopicreq: 0x06,
  willtopic: 0x07,
  willmsgreq: 0x08,
  willmsg: 0x09,
  register: 0x0a,
  regack: 0x0b,
  publish: 0x0c,
  puback: 0x0d,
  pubcomp: 0x0e,
  pubrec: 0x0f,
  pubrel: 0x10,
  subscribe: 0x12,
  suback: 0x13,
  unsubscribe: 0x14,
  unsuback: 0x15,
  pingreq: 0x16,
  pingresp: 0x17,
  disconnect: 0x18,
  willtopicupd: 0x1a,
  willtopicresp: 0x1b,
  willmsgupd: 0x1c,
  willmsgresp: 0x1d,
} as const;

export type SnMessageType = keyof typeof MSG_TYPES;

export const MSG_TYPE_NAMES: ReadonlyMap<number, SnMessageType> = new Map(
  Object.entries(MSG_TYPES).map(([name, code]) => [code, name as SnMessageType]),
);

/** ReturnCode (§5.3.10). */
export const ReturnCode = {
  accepted: 0x00,
  congestion: 0x01,
  invalidTopicId: 0x02,
  notSupported: 0x03,
} as const;

export const RETURN_CODE_TEXT: Readonly<Record<number, string>> = {
  0x00: 'Accepted',
  0x01: 'Rejected: congestion',
  0x02: 'Rejected: invalid topic ID',
  0x03: 'Rejected: not supported',
};

/** §5.3.8: the ProtocolId of CONNECT; 0x01 is the only value defined. */
export const PROTOCOL_ID = 0x01;

/** -1 is coded 0b11 in the QoS bits (§5.3.4) and only appears in PUBLISH (§6.8). */
export type SnQoS = -1 | 0 | 1 | 2;

/** 0b00 normal topic id (or a topic name in SUBSCRIBE), 0b01 pre-defined topic id, 0b10 short topic name; 0b11 is reserved. */
export type TopicIdType = 0 | 1 | 2 | 3;

export interface SnFlags {
  dup: boolean;
  qos: SnQoS;
  retain: boolean;
  will: boolean;
  cleanSession: boolean;
  topicIdType: TopicIdType;
}

/** The Flags octet: DUP bit 7, QoS bits 6–5, Retain bit 4, Will bit 3, CleanSession bit 2, TopicIdType bits 1–0. */
export function decodeFlags(octet: number): SnFlags {
  const qosBits = (octet >> 5) & 0b11;
  return {
    dup: (octet & 0x80) !== 0,
    qos: qosBits === 0b11 ? -1 : (qosBits as 0 | 1 | 2),
    retain: (octet & 0x10) !== 0,
    will: (octet & 0x08) !== 0,
    cleanSession: (octet & 0x04) !== 0,
    topicIdType: (octet & 0b11) as TopicIdType,
  };
}

export function encodeFlags(flags: Partial<SnFlags>): number {
  const qos = flags.qos ?? 0;
  return (
    (flags.dup ? 0x80 : 0) |
    ((qos === -1 ? 0b11 : qos) << 5) |
    (flags.retain ? 0x10 : 0) |
    (flags.will ? 0x08 : 0) |
    (flags.cleanSession ? 0x04 : 0) |
    ((flags.topicIdType ?? 0) & 0b11)
  );
}
