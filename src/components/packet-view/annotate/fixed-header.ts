/** The fixed header's first byte: packet type and flags (3.1.1 §2.2, 5.0 §2.1). */
import type { PacketType } from '../../../../sandbox-broker/src/record-types.ts';
import { hexByte } from './describe-bytes.ts';
import { requiredFlags } from './packet-types.ts';

export interface PublishFlags {
  dup: boolean;
  qos: number;
  retain: boolean;
}

export function publishFlags(flags: number): PublishFlags {
  return { dup: (flags & 0b1000) !== 0, qos: (flags >> 1) & 0b11, retain: (flags & 1) !== 0 };
}

const bits4 = (n: number): string => n.toString(2).padStart(4, '0');

export function describeFirstByte(byte: number, type: PacketType | undefined): string {
  const nibble = byte >> 4;
  const flags = byte & 0x0f;
  if (!type) return `${hexByte(byte)}: reserved packet type ${nibble}`;
  const name = type.toUpperCase();
  if (type === 'publish') {
    const { dup, qos, retain } = publishFlags(flags);
    const qosText = qos === 3 ? 'invalid QoS 3 (malformed)' : `QoS ${qos}`;
    return `${name}, ${qosText}, ${retain ? 'retained' : 'not retained'}, ${dup ? 'DUP (a re-delivery)' : 'not DUP'}`;
  }
  const required = requiredFlags(type);
  const flagText = flags === required ? `flags ${bits4(flags)} as required` : `flags ${bits4(flags)} (malformed: must be ${bits4(required)})`;
  return `${name}, ${flagText}`;
}
