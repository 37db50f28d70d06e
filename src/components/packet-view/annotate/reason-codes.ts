/** Names of return codes (3.1.1) and reason codes (5.0 §2.4, table 2-6), as a learner reads them. */
import type { PacketType } from '../../../../sandbox-broker/src/record-types.ts';

const REASONS_5: ReadonlyMap<number, string> = new Map([
  [0x04, 'Disconnect with Will Message'],
  [0x10, 'No matching subscribers'],
  [0x11, 'No subscription existed'],
  [0x18, 'Continue authentication'],
  [0x19, 'Re-authenticate'],
  [0x80, 'Unspecified error'],
  [0x81, 'Malformed Packet'],
  [0x82, 'Protocol Error'],
  [0x83, 'Implementation specific error'],
  [0x84, 'Unsupported Protocol Version'],
  [0x85, 'Client Identifier not valid'],
  [0x86, 'Bad User Name or Password'],
  [0x87, 'Not authorized'],
  [0x88, 'Server unavailable'],
  [0x89, 'Server busy'],
  [0x8a, 'Banned'],
  [0x8b, 'Server shutting down'],
  [0x8c, 'Bad authentication method'],
  [0x8d, 'Keep Alive timeout'],
  [0x8e, 'Session taken over'],
  [0x8f, 'Topic Filter invalid'],
  [0x90, 'Topic Name invalid'],
  [0x91, 'Packet Identifier in use'],
  [0x92, 'Packet Identifier not found'],
  [0x93, 'Receive Maximum exceeded'],
  [0x94, 'Topic Alias invalid'],
  [0x95, 'Packet too large'],
  [0x96, 'Message rate too high'],
  [0x97, 'Quota exceeded'],
  [0x98, 'Administrative action'],
  [0x99, 'Payload format invalid'],
  [0x9a, 'Retain not supported'],
  [0x9b, 'QoS not supported'],
  [0x9c, 'Use another server'],
  [0x9d, 'Server moved'],
  [0x9e, 'Shared Subscriptions not supported'],
  [0x9f, 'Connection rate exceeded'],
  [0xa0, 'Maximum connect time'],
  [0xa1, 'Subscription Identifiers not supported'],
  [0xa2, 'Wildcard Subscriptions not supported'],
]);

/** 3.1.1 §3.2.2.3, table 3.1. */
const CONNACK_3 = ['Connection Accepted', 'unacceptable protocol version', 'identifier rejected', 'Server unavailable', 'bad user name or password', 'not authorized'];

export function reasonName(code: number, type: PacketType, version: 4 | 5): string {
  if (version === 4) {
    if (type === 'connack') return CONNACK_3[code] ?? 'reserved return code';
    if (type === 'suback') return code === 0x80 ? 'Failure' : code <= 2 ? `Success, maximum QoS ${code}` : 'invalid return code';
    return 'unknown';
  }
  if (type === 'suback' && code <= 2) return `Granted QoS ${code}`;
  if (code === 0) return type === 'disconnect' ? 'Normal disconnection' : 'Success';
  return REASONS_5.get(code) ?? 'unknown reason code';
}
