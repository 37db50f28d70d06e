/** Variable headers and payloads of every packet type except CONNECT (3.1.1 §3, 5.0 §3). */
import type { PacketType } from '../../../../sandbox-broker/src/record-types.ts';
import type { ByteCursor } from './byte-cursor.ts';
import { utf8OrUndefined } from './byte-cursor.ts';
import { readConnect } from './connect-body.ts';
import { binaryText, hexByte, plural } from './describe-bytes.ts';
import { readProperties } from './properties.ts';
import { reasonName } from './reason-codes.ts';

export interface BodyContext {
  type: PacketType;
  version: 4 | 5;
  /** QoS from a PUBLISH's fixed header: decides whether a packet identifier follows the topic. */
  qos: number;
}

const packetId = (cursor: ByteCursor): number => cursor.uint16('variable-header', 'packetId', (n) => ({ label: `Packet identifier: ${n}`, value: n }));

function reasonCode(cursor: ByteCursor, ctx: BodyContext, part: 'variable-header' | 'payload' = 'variable-header', which = ''): number {
  const word = ctx.version === 4 ? 'Return code' : 'Reason code';
  return cursor.byte(part, 'reasonCode', (n) => ({ label: `${word}${which}: ${hexByte(n)} ${reasonName(n, ctx.type, ctx.version)}`, value: n }));
}

function readPublish(cursor: ByteCursor, ctx: BodyContext): void {
  cursor.string('variable-header', 'topic', 'Topic name');
  if (ctx.qos > 0) packetId(cursor);
  if (ctx.version === 5) readProperties(cursor);
  cursor.read(cursor.remaining, 'payload', 'payload', (b) => {
    const text = utf8OrUndefined(b);
    const range: { label: string; value?: string } = { label: `Payload: ${plural(b.length, 'byte')}, ${binaryText(b)}` };
    if (text !== undefined) range.value = text;
    return range;
  });
}

/** PUBACK, PUBREC, PUBREL, PUBCOMP: in 5.0 the reason code and properties may be left out (5.0 §3.4.2.1). */
function readAcknowledgement(cursor: ByteCursor, ctx: BodyContext): void {
  packetId(cursor);
  if (ctx.version === 5) readOptionalReasonAndProperties(cursor, ctx);
}

/** DISCONNECT and AUTH in 5.0, and the tail of the publish acknowledgements. */
function readOptionalReasonAndProperties(cursor: ByteCursor, ctx: BodyContext): void {
  if (cursor.remaining > 0) reasonCode(cursor, ctx);
  if (cursor.remaining > 0) readProperties(cursor);
}

function describeOptions(byte: number, version: 4 | 5): string {
  const qos = byte & 0b11;
  const binary = byte.toString(2).padStart(8, '0');
  if (version === 4) {
    const reserved = byte >> 2;
    return `Requested QoS: ${qos}${reserved ? ` (malformed: reserved bits ${binary.slice(0, 6)} must be 0)` : ''}`;
  }
  const handling = (byte >> 4) & 0b11;
  const handlingText = ['send retained messages on subscribe', 'send retained only if the subscription is new', 'do not send retained messages'][handling] ?? 'invalid';
  return [
    `Subscription options ${binary.slice(0, 4)} ${binary.slice(4)}:`,
    `maximum QoS ${qos},`,
    `No Local = ${(byte >> 2) & 1},`,
    `Retain As Published = ${(byte >> 3) & 1},`,
    `Retain Handling ${handling} (${handlingText})`,
  ].join(' ') + (byte >> 6 ? ', reserved bits set (malformed)' : '');
}

function readSubscribe(cursor: ByteCursor, ctx: BodyContext): void {
  packetId(cursor);
  if (ctx.version === 5) readProperties(cursor);
  while (cursor.remaining > 0) {
    cursor.string('payload', 'topicFilter', 'Topic filter');
    cursor.byte('payload', 'subscriptionOptions', (n) => ({ label: describeOptions(n, ctx.version), value: n }));
  }
}

function readUnsubscribe(cursor: ByteCursor, ctx: BodyContext): void {
  packetId(cursor);
  if (ctx.version === 5) readProperties(cursor);
  while (cursor.remaining > 0) cursor.string('payload', 'topicFilter', 'Topic filter');
}

/** SUBACK, and UNSUBACK in 5.0: one code per topic filter of the request, in order. */
function readCodeList(cursor: ByteCursor, ctx: BodyContext): void {
  packetId(cursor);
  if (ctx.version === 4 && ctx.type === 'unsuback') return;
  if (ctx.version === 5) readProperties(cursor);
  for (let index = 1; cursor.remaining > 0; index++) reasonCode(cursor, ctx, 'payload', ` for topic filter ${index}`);
}

function readConnack(cursor: ByteCursor, ctx: BodyContext): void {
  cursor.byte('variable-header', 'sessionPresent', (n) => ({
    label: `Acknowledge flags: session present = ${n & 1}${n & 0xfe ? ' (malformed: reserved bits set)' : ''}`,
    value: (n & 1) === 1,
  }));
  reasonCode(cursor, ctx);
  if (ctx.version === 5 && cursor.remaining > 0) readProperties(cursor);
}

export function readBody(cursor: ByteCursor, ctx: BodyContext): void {
  switch (ctx.type) {
    case 'connect':
      return readConnect(cursor);
    case 'connack':
      return readConnack(cursor, ctx);
    case 'publish':
      return readPublish(cursor, ctx);
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
      return readAcknowledgement(cursor, ctx);
    case 'subscribe':
      return readSubscribe(cursor, ctx);
    case 'suback':
    case 'unsuback':
      return readCodeList(cursor, ctx);
    case 'unsubscribe':
      return readUnsubscribe(cursor, ctx);
    case 'pingreq':
    case 'pingresp':
      return;
    case 'disconnect':
    case 'auth':
      if (ctx.version === 5) readOptionalReasonAndProperties(cursor, ctx);
      return;
  }
}
