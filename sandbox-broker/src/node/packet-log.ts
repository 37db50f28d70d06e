/**
 * The live packet log of node mode: one readable line per record entry, e.g.
 *   12:03:04.120  sensor-1      → PUBLISH    lab/temp qos=1 id=3 "21.5"
 * `→` is client to broker, `←` broker to client, `·` a broker event. Colours only on a terminal.
 */
import type { BinaryField, DecodedPacket, RecordEntry } from '../record-types.ts';

const colours = { dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
type Colour = keyof typeof colours;

const clientWidth = 14;
const payloadPreview = 48;

function clock(date: Date): string {
  return date.toTimeString().slice(0, 8) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

function isBinary(value: unknown): value is BinaryField {
  return typeof value === 'object' && value !== null && 'base64' in value;
}

function payloadText(payload: unknown): string {
  if (!isBinary(payload)) return '';
  if (payload.utf8 === undefined) return `<${Math.floor((payload.base64.length * 3) / 4)} bytes>`;
  const text = JSON.stringify(payload.utf8);
  return text.length > payloadPreview ? `${text.slice(0, payloadPreview - 1)}…"` : text;
}

function field(name: string, value: unknown): string | undefined {
  return value === undefined || value === null || value === false ? undefined : `${name}=${String(value)}`;
}

/** The fields that tell packets of one type apart, in reading order. */
function keyFields(packet: DecodedPacket): (string | undefined)[] {
  const p = packet as Record<string, unknown>;
  const reason = field('reason', p['reasonCode'] ?? p['returnCode']);
  switch (packet.cmd) {
    case 'connect': {
      const will = p['will'] as { topic?: string } | undefined;
      return [
        `v${p['protocolVersion'] === 5 ? '5.0' : '3.1.1'}`,
        field('id', p['clientId'] === '' ? '""' : p['clientId']),
        p['clean'] ? 'clean' : undefined,
        field('keepalive', p['keepalive']),
        field('user', p['username']),
        // Passwords never reach the terminal.
        p['password'] !== undefined ? 'password=***' : undefined,
        field('will', will?.topic),
      ];
    }
    case 'connack':
      return [reason, p['sessionPresent'] ? 'session-present' : undefined];
    case 'publish':
      return [String(p['topic']), `qos=${String(p['qos'])}`, p['retain'] ? 'retain' : undefined, p['dup'] ? 'dup' : undefined, field('id', p['messageId']), payloadText(p['payload'])];
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'unsuback':
      return [field('id', p['messageId']), reason];
    case 'subscribe': {
      const subscriptions = (p['subscriptions'] as { topic: string; qos: number }[] | undefined) ?? [];
      return [field('id', p['messageId']), ...subscriptions.map((s) => `${s.topic}@${s.qos}`)];
    }
    case 'suback':
      return [field('id', p['messageId']), field('granted', (p['granted'] as unknown[] | undefined)?.join(','))];
    case 'unsubscribe':
      return [field('id', p['messageId']), ...((p['unsubscriptions'] as string[] | undefined) ?? [])];
    case 'disconnect':
    case 'auth':
      return [reason];
    case 'pingreq':
    case 'pingresp':
      return [];
  }
}

const typeColour: Partial<Record<DecodedPacket['cmd'], Colour>> = {
  connect: 'green',
  connack: 'green',
  disconnect: 'yellow',
  publish: 'cyan',
  subscribe: 'magenta',
  suback: 'magenta',
  unsubscribe: 'magenta',
  unsuback: 'magenta',
};

/** Fixed width keeps the arrows aligned; long (e.g. broker-assigned) ids are shortened. */
function clientColumn(clientId: string | undefined, linkId: number | undefined): string {
  const name = clientId || (linkId === undefined ? '' : `#${linkId}`);
  return (name.length > clientWidth ? `${name.slice(0, clientWidth - 1)}…` : name).padEnd(clientWidth);
}

export function formatEntry(entry: RecordEntry, now: Date, useColour: boolean): string {
  const paint = (colour: Colour, text: string): string => (useColour ? `\u001b[${colours[colour]}m${text}\u001b[0m` : text);
  const time = paint('dim', clock(now));
  switch (entry.kind) {
    case 'packet': {
      const client = clientColumn(entry.clientId, entry.linkId);
      const arrow = entry.direction === 'in' ? '→' : '←';
      const type = entry.packet.cmd.toUpperCase().padEnd(10);
      const fields = keyFields(entry.packet).filter((part): part is string => part !== undefined && part !== '');
      return `${time}  ${client} ${arrow} ${paint(typeColour[entry.packet.cmd] ?? 'blue', type)} ${fields.join(' ')}`.trimEnd();
    }
    case 'event': {
      const client = clientColumn(entry.clientId, entry.linkId);
      const details = [entry.topic, entry.reason].filter((part) => part !== undefined).join(' — ');
      const colour: Colour = entry.event.endsWith('denied') || entry.event === 'connection-refused' || entry.event === 'protocol-error' ? 'red' : 'dim';
      return `${time}  ${client} · ${paint(colour, entry.event)}${details ? ` ${details}` : ''}`;
    }
    case 'console':
      return `${time}  ${'console'.padEnd(clientWidth)} · ${entry.text}`;
    case 'sn-packet': {
      // MQTT-SN datagrams between a client and the gateway: marked "SN" so they are not read as MQTT.
      const client = clientColumn(entry.clientId || entry.address, undefined);
      const arrow = entry.direction === 'in' ? '→' : '←';
      return `${time}  ${client} ${arrow} ${paint('blue', `SN ${entry.packet.type.toUpperCase()}`)}`;
    }
  }
}
