/** One-line summaries of a recorded MQTT-SN datagram (MQTT-SN v1.2): the arrow label and the screen-reader sentence. */
import type { SnPacketEntry } from '../../../../sandbox-broker/src/record-types.ts';

type SnDecoded = SnPacketEntry['packet'];

const num = (packet: SnDecoded, key: string): number | undefined => (typeof packet[key] === 'number' ? (packet[key] as number) : undefined);
const str = (packet: SnDecoded, key: string): string | undefined => (typeof packet[key] === 'string' ? (packet[key] as string) : undefined);

const RETURN_CODES: Record<number, string> = { 0: 'accepted', 1: 'rejected: congestion', 2: 'rejected: invalid topic ID', 3: 'rejected: not supported' };

/** How a message names its topic: "topic id 3", "pre-defined id 1", "short name tp", or a topic name. */
export function snTopicFact(packet: SnDecoded): string | undefined {
  const type = num(packet, 'topicIdType');
  const name = str(packet, 'topicName');
  if (type === 2) return `short name ${str(packet, 'shortTopic') ?? ''}`;
  if (type === 1) return `pre-defined id ${num(packet, 'topicId') ?? 0}`;
  if (name !== undefined) return `topic ${name}`;
  const id = num(packet, 'topicId');
  return id === undefined ? undefined : `topic id ${id}`;
}

export function snPacketFacts(packet: SnDecoded): string[] {
  const facts: string[] = [];
  const msgId = num(packet, 'msgId');
  const code = num(packet, 'returnCode');
  const qos = num(packet, 'qos');
  switch (packet.type) {
    case 'connect':
      facts.push(`client id ${str(packet, 'clientId') ?? ''}`, `keep-alive ${num(packet, 'duration') ?? 0} s`);
      if (packet['cleanSession']) facts.push('clean session');
      if (packet['will']) facts.push('with will');
      break;
    case 'register':
      facts.push(`topic id ${num(packet, 'topicId') ?? 0}`, `msg id ${msgId ?? 0}`, `topic ${str(packet, 'topicName') ?? ''}`);
      break;
    case 'regack':
    case 'puback':
      facts.push(`topic id ${num(packet, 'topicId') ?? 0}`, `msg id ${msgId ?? 0}`);
      break;
    case 'publish':
      facts.push(`QoS ${qos ?? 0}`, snTopicFact(packet) ?? '');
      if ((qos ?? 0) > 0) facts.push(`msg id ${msgId ?? 0}`);
      if (packet['dup']) facts.push('DUP');
      if (packet['retain']) facts.push('retained');
      break;
    case 'subscribe':
    case 'unsubscribe':
      facts.push(snTopicFact(packet) ?? '', `msg id ${msgId ?? 0}`);
      if (packet.type === 'subscribe') facts.push(`QoS ${qos ?? 0}`);
      break;
    case 'suback':
      facts.push(`granted QoS ${qos ?? 0}`, `topic id ${num(packet, 'topicId') ?? 0}`, `msg id ${msgId ?? 0}`);
      break;
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      facts.push(`msg id ${msgId ?? 0}`);
      break;
    case 'pingreq':
      if (str(packet, 'clientId')) facts.push(`client id ${str(packet, 'clientId')} (waking)`);
      break;
    case 'disconnect':
      if (num(packet, 'duration') !== undefined) facts.push(`sleep ${num(packet, 'duration')} s`);
      break;
    case 'willtopic':
      facts.push(str(packet, 'willTopic') !== undefined ? `will topic ${str(packet, 'willTopic')}` : 'no will');
      break;
    case 'advertise':
    case 'gwinfo':
      facts.push(`gateway ${num(packet, 'gwId') ?? 0}`);
      break;
    default:
      break;
  }
  if (code !== undefined) facts.push(RETURN_CODES[code] ?? `return code ${code}`);
  return facts.filter((fact) => fact !== '');
}

/** "SN PUBLISH · QoS 1 · topic id 1 · msg id 2": compact, for the arrow. */
export function snArrowLabel(packet: SnDecoded): string {
  return ['SN', packet.type.toUpperCase()].join(' ') + snPacketFacts(packet).map((fact) => ` · ${fact}`).join('');
}

/** "node-1 to gateway: MQTT-SN PUBLISH, QoS 1, topic id 1, msg id 2". */
export function snSpokenLabel(packet: SnDecoded, client: string, direction: 'in' | 'out'): string {
  const route = direction === 'in' ? `${client} to gateway` : `gateway to ${client}`;
  return `${route}: MQTT-SN ${[packet.type.toUpperCase(), ...snPacketFacts(packet)].join(', ')}`;
}

/** The lane of an MQTT-SN client: its ClientId, or its address before it has one. */
export function snClientName(entry: SnPacketEntry, known: ReadonlyMap<string, string>): string {
  return `${entry.clientId || known.get(entry.address) || entry.address} (MQTT-SN)`;
}
