/**
 * Annotates the bytes of one MQTT-SN v1.2 datagram: Length and MsgType (§5.2), then each field of
 * the variable part (§5.3, §5.4). Like annotateBytes, it never throws: what cannot be read becomes
 * one final `unparsed` range.
 */
import { decodeFlags, MSG_TYPE_NAMES, RETURN_CODE_TEXT, type SnMessageType } from '../../../sandbox-broker/src/mqtt-sn/constants.ts';
import { ByteCursor, Malformed, OutOfBytes, utf8OrUndefined } from './annotate/byte-cursor.ts';
import type { ByteRange } from './annotate/byte-range.ts';
import { binaryText, hexByte, plural } from './annotate/describe-bytes.ts';

const V = 'sn-variable';

function flagsLabel(octet: number, type: SnMessageType): string {
  const f = decodeFlags(octet);
  const parts: string[] = [];
  if (type === 'publish' || type === 'subscribe') parts.push(`DUP ${f.dup ? 1 : 0}`);
  if (type !== 'connect' && type !== 'unsubscribe') parts.push(`QoS ${f.qos}${f.qos === -1 ? ' (bits 0b11)' : ''}`);
  if (type === 'publish' || type === 'willtopic' || type === 'willtopicupd') parts.push(`Retain ${f.retain ? 1 : 0}`);
  if (type === 'connect') parts.push(`Will ${f.will ? 1 : 0}`, `CleanSession ${f.cleanSession ? 1 : 0}`);
  if (type === 'publish' || type === 'subscribe' || type === 'unsubscribe') {
    const names = ['normal topic id', 'pre-defined topic id', 'short topic name', 'reserved'];
    parts.push(`TopicIdType 0b${f.topicIdType.toString(2).padStart(2, '0')} (${names[f.topicIdType] ?? ''})`);
  }
  return `Flags ${hexByte(octet)}: ${parts.join(', ')}`;
}

export function annotateSnBytes(bytes: Uint8Array): ByteRange[] {
  const c = new ByteCursor(bytes, 0, bytes.length);
  let problem: string | undefined;
  const u16 = (field: string, name: string, unit = ''): number => c.uint16(V, field, (n) => ({ label: `${name}: ${n}${unit}`, value: n }));
  const text = (field: string, name: string): void => {
    c.read(c.remaining, V, field, (b) => {
      const value = utf8OrUndefined(b) ?? '';
      return { label: `${name}: ${value}`, value };
    });
  };
  const returnCode = (): void => {
    c.read(1, V, 'returnCode', (b) => ({ label: `ReturnCode ${hexByte(b[0] ?? 0)}: ${RETURN_CODE_TEXT[b[0] ?? 0] ?? 'reserved'}`, value: b[0] ?? 0 }));
  };
  try {
    const first = bytes[0] ?? 0;
    if (first === 0x01) {
      c.read(3, 'sn-header', 'length', (b) => {
        const n = ((b[1] ?? 0) << 8) | (b[2] ?? 0);
        return { label: `Length: 0x01 then ${plural(n, 'octet')} (three-octet form, for messages over 255 octets)`, value: n };
      });
    } else {
      c.read(1, 'sn-header', 'length', () => ({ label: `Length: ${plural(first, 'octet')}, the whole message including this octet`, value: first }));
    }
    let type: SnMessageType | undefined;
    c.read(1, 'sn-header', 'msgType', (b) => {
      type = MSG_TYPE_NAMES.get(b[0] ?? 0);
      return { label: `MsgType ${hexByte(b[0] ?? 0)}: ${type ? type.toUpperCase() : 'reserved'}`, value: type ?? '' };
    });
    if (!type) throw new Malformed('reserved MsgType');
    const msgType: SnMessageType = type;
    const flags = (): number => c.read(1, V, 'flags', (b) => ({ label: flagsLabel(b[0] ?? 0, msgType) }))[0] ?? 0;
    const topic = (topicIdType: number, field = 'TopicId'): void => {
      if (topicIdType === 2) c.read(2, V, 'topicId', (b) => ({ label: `${field} holds a short topic name: "${utf8OrUndefined(b) ?? ''}"` }));
      else u16('topicId', topicIdType === 1 ? `${field} (pre-defined)` : field);
    };
    switch (msgType) {
      case 'advertise':
        c.read(1, V, 'gwId', (b) => ({ label: `GwId: ${b[0] ?? 0}` }));
        u16('duration', 'Duration until the next ADVERTISE', ' s');
        break;
      case 'searchgw':
        c.read(1, V, 'radius', (b) => ({ label: `Radius: ${b[0] ?? 0} hop(s)` }));
        break;
      case 'gwinfo':
        c.read(1, V, 'gwId', (b) => ({ label: `GwId: ${b[0] ?? 0}` }));
        if (c.remaining > 0) c.read(c.remaining, V, 'gwAdd', (b) => ({ label: `GwAdd: ${binaryText(b)}` }));
        break;
      case 'connect':
        flags();
        c.read(1, V, 'protocolId', (b) => ({ label: `ProtocolId ${hexByte(b[0] ?? 0)}${b[0] === 1 ? ' (MQTT-SN 1.2)' : ' (unknown)'}` }));
        u16('duration', 'Duration (keep-alive)', ' s');
        text('clientId', 'ClientId');
        break;
      case 'connack':
      case 'willtopicresp':
      case 'willmsgresp':
        returnCode();
        break;
      case 'willtopic':
      case 'willtopicupd':
        if (c.remaining > 0) {
          flags();
          text('willTopic', 'WillTopic');
        }
        break;
      case 'willmsg':
      case 'willmsgupd':
        c.read(c.remaining, 'payload', 'willMsg', (b) => ({ label: `WillMsg: ${binaryText(b)}` }));
        break;
      case 'register':
        u16('topicId', 'TopicId (0x0000 when the client registers)');
        u16('msgId', 'MsgId');
        text('topicName', 'TopicName');
        break;
      case 'regack':
      case 'puback':
        u16('topicId', 'TopicId');
        u16('msgId', 'MsgId');
        returnCode();
        break;
      case 'publish': {
        const octet = flags();
        topic(octet & 0b11);
        u16('msgId', 'MsgId (0x0000 at QoS 0 and -1)');
        c.read(c.remaining, 'payload', 'data', (b) => ({ label: `Data: ${binaryText(b)}` }));
        break;
      }
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp':
      case 'unsuback':
        u16('msgId', 'MsgId');
        break;
      case 'subscribe':
      case 'unsubscribe': {
        const octet = flags();
        u16('msgId', 'MsgId');
        if ((octet & 0b11) === 0) text('topicName', 'TopicName');
        else topic(octet & 0b11);
        break;
      }
      case 'suback':
        flags();
        u16('topicId', 'TopicId (0x0000 for wildcards and short names)');
        u16('msgId', 'MsgId');
        returnCode();
        break;
      case 'pingreq':
        if (c.remaining > 0) text('clientId', 'ClientId (a sleeping client waking up, §6.14)');
        break;
      case 'disconnect':
        if (c.remaining > 0) u16('duration', 'Duration (sleep, §6.14)', ' s');
        break;
      case 'willtopicreq':
      case 'willmsgreq':
      case 'pingresp':
        break;
    }
    if (c.pos < bytes.length) problem = 'octets after the last field this message has';
  } catch (error) {
    if (error instanceof OutOfBytes) problem = `truncated inside ${error.message}`;
    else if (error instanceof Malformed) problem = error.message;
    else throw error;
  }
  if (c.pos < bytes.length) {
    c.ranges.push({ start: c.pos, end: bytes.length, part: 'unparsed', field: 'unparsed', label: `Not parsed (${problem ?? 'unknown problem'})` });
  }
  return c.ranges;
}
