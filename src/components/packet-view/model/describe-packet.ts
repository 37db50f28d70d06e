/** One-line summaries of a recorded packet: the arrow label and the screen-reader sentence. */
import type { BinaryField, DecodedPacket, PacketType } from '../../../../sandbox-broker/src/record-types.ts';
import { reasonName } from '../annotate/reason-codes.ts';

const num = (packet: DecodedPacket, key: string): number | undefined => (typeof packet[key] === 'number' ? (packet[key] as number) : undefined);
const str = (packet: DecodedPacket, key: string): string | undefined => (typeof packet[key] === 'string' ? (packet[key] as string) : undefined);

/**
 * "0x94 Topic Alias invalid": the hexadecimal form the specifications and lessons use, and the name.
 * The decoded packet does not say its version; only 5.0 has codes ≥ 0x80 outside SUBACK, or any
 * code on PUBACK…AUTH, so those read as 5.0 and a CONNACK's small return codes as 3.1.1.
 */
function reasonFact(code: number, type: PacketType): string {
  const version = type === 'connack' && code < 0x80 ? 4 : 5;
  return `${type === 'connack' && version === 4 ? 'return' : 'reason'} code 0x${code.toString(16).padStart(2, '0')} ${reasonName(code, type, version)}`;
}

interface Subscription {
  topic: string;
  qos: number;
}

/** Short facts after the type name, e.g. ["QoS 1", "packet id 7", "topic lab/hello"]. */
export function packetFacts(packet: DecodedPacket): string[] {
  const facts: string[] = [];
  const id = num(packet, 'messageId');
  const reason = num(packet, 'reasonCode') ?? num(packet, 'returnCode');
  switch (packet.cmd) {
    case 'connect': {
      facts.push(`client id ${str(packet, 'clientId') || '(empty)'}`);
      facts.push(packet['protocolVersion'] === 5 ? 'MQTT 5.0' : 'MQTT 3.1.1');
      facts.push(packet['clean'] ? (packet['protocolVersion'] === 5 ? 'clean start' : 'clean session') : 'persistent session');
      if (packet['will']) facts.push('with will');
      break;
    }
    case 'connack':
      if (packet['sessionPresent']) facts.push('session present');
      if (reason !== undefined) facts.push(reason === 0 ? 'accepted' : `refused, ${reasonFact(reason, 'connack')}`);
      break;
    case 'publish':
      facts.push(`QoS ${num(packet, 'qos') ?? 0}`);
      if (id !== undefined && (num(packet, 'qos') ?? 0) > 0) facts.push(`packet id ${id}`);
      facts.push(`topic ${str(packet, 'topic') ?? ''}`);
      if (packet['dup']) facts.push('DUP');
      if (packet['retain']) facts.push('retained');
      break;
    case 'subscribe': {
      if (id !== undefined) facts.push(`packet id ${id}`);
      const subscriptions = (packet['subscriptions'] as Subscription[] | undefined) ?? [];
      facts.push(subscriptions.map((s) => `${s.topic} (QoS ${s.qos})`).join(', '));
      break;
    }
    case 'unsubscribe':
      if (id !== undefined) facts.push(`packet id ${id}`);
      facts.push(((packet['unsubscriptions'] as string[] | undefined) ?? []).join(', '));
      break;
    case 'suback':
    case 'unsuback': {
      if (id !== undefined) facts.push(`packet id ${id}`);
      const granted = packet['granted'] as number[] | undefined;
      if (granted?.length) facts.push(`codes ${granted.join(', ')}`);
      break;
    }
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
      if (id !== undefined) facts.push(`packet id ${id}`);
      if (reason) facts.push(reasonFact(reason, packet.cmd));
      break;
    case 'disconnect':
    case 'auth':
      if (reason) facts.push(reasonFact(reason, packet.cmd));
      break;
    case 'pingreq':
    case 'pingresp':
      break;
  }
  return facts.filter((fact) => fact !== '');
}

/** "PUBLISH QoS 1 · id 7 · lab/hello": compact, for the arrow. */
export function arrowLabel(packet: DecodedPacket): string {
  const facts = packetFacts(packet).map((fact) => fact.replace(/^packet id /, 'id ').replace(/^topic /, ''));
  return [packet.cmd.toUpperCase(), ...facts].join(' · ');
}

/** "sensor-1 to broker: PUBLISH QoS 1, packet id 7, topic lab/hello". */
export function spokenLabel(packet: DecodedPacket, client: string, direction: 'in' | 'out'): string {
  const route = direction === 'in' ? `${client} to broker` : `broker to ${client}`;
  return `${route}: ${[packet.cmd.toUpperCase(), ...packetFacts(packet)].join(', ')}`;
}

/** A payload as text: UTF-8 when it is, pretty JSON when it parses, hex otherwise. */
export function payloadText(field: BinaryField | undefined): { kind: 'json' | 'text' | 'hex' | 'empty'; text: string } {
  if (!field || field.base64 === '') return { kind: 'empty', text: '' };
  if (field.utf8 !== undefined) {
    try {
      const parsed: unknown = JSON.parse(field.utf8);
      if (typeof parsed === 'object' && parsed !== null) return { kind: 'json', text: JSON.stringify(parsed, null, 2) };
    } catch {
      // Not JSON: shown as text.
    }
    return { kind: 'text', text: field.utf8 };
  }
  return { kind: 'hex', text: [...base64ToBytes(field.base64)].map((b) => b.toString(16).padStart(2, '0')).join(' ') };
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
