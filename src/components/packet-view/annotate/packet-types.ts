/** Control packet types by their 4-bit number (3.1.1 §2.2.1, 5.0 §2.1.2). */
import type { PacketType } from '../../../../sandbox-broker/src/record-types.ts';

const TYPES: readonly (PacketType | undefined)[] = [
  undefined, 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp',
  'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth',
];

/** The packet type of a fixed header's high nibble; AUTH (15) exists only in 5.0. */
export function packetTypeOf(nibble: number, version: 4 | 5): PacketType | undefined {
  const type = TYPES[nibble];
  return type === 'auth' && version === 4 ? undefined : type;
}

/** PUBREL, SUBSCRIBE and UNSUBSCRIBE must carry flags 0010, every other type except PUBLISH 0000. */
export function requiredFlags(type: PacketType): number {
  return type === 'pubrel' || type === 'subscribe' || type === 'unsubscribe' ? 0b0010 : 0;
}
