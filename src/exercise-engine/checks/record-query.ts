/**
 * Reading the run record: finding packets and events, and turning them into the short phrases
 * a verdict's `seen` is made of. Everything here is pure.
 */
import type {
  BinaryField, BrokerEventEntry, BrokerEventType, ConsoleEntry, Direction, PacketEntry, PacketType, RunRecord,
} from '../../../sandbox-broker/src/record-types.ts';

/**
 * Which client a check is about: an exact client id, a pattern, or (undefined) the learner's
 * clients — any client that is not one of the scenario's peers.
 */
export type ClientMatcher = string | RegExp | undefined;

export function clientMatches(matcher: ClientMatcher, clientId: string | undefined, record: RunRecord): boolean {
  if (matcher === undefined) return !(clientId !== undefined && record.peers?.includes(clientId));
  if (clientId === undefined) return false;
  return typeof matcher === 'string' ? matcher === clientId : matcher.test(clientId);
}

export function describeClient(matcher: ClientMatcher): string {
  if (matcher === undefined) return 'your client';
  return typeof matcher === 'string' ? `\`${matcher}\`` : `a client matching ${String(matcher)}`;
}

/**
 * The client id of each link. The recorder knows it only after reading CONNECT, so the CONNECT
 * entry itself carries `''`: take the first id any entry of the link carries.
 */
function linkClientIds(record: RunRecord): Map<number, string> {
  const ids = new Map<number, string>();
  for (const entry of record.entries) {
    if (entry.kind === 'packet' && entry.clientId !== '' && !ids.has(entry.linkId)) ids.set(entry.linkId, entry.clientId);
  }
  return ids;
}

/** The client id of the packet's link, even for the CONNECT that named it. */
export function clientOf(record: RunRecord, entry: PacketEntry): string {
  return entry.clientId || linkClientIds(record).get(entry.linkId) || '';
}

export function packets(
  record: RunRecord,
  cmd: PacketType,
  direction: Direction,
  client?: ClientMatcher,
): PacketEntry[] {
  const ids = linkClientIds(record);
  return record.entries.filter(
    (entry): entry is PacketEntry =>
      entry.kind === 'packet' &&
      entry.packet.cmd === cmd &&
      entry.direction === direction &&
      clientMatches(client, entry.clientId || ids.get(entry.linkId), record),
  );
}

export function events(record: RunRecord, event: BrokerEventType, client?: ClientMatcher): BrokerEventEntry[] {
  return record.entries.filter(
    (entry): entry is BrokerEventEntry =>
      entry.kind === 'event' && entry.event === event && clientMatches(client, entry.clientId, record),
  );
}

export function consoleEntries(record: RunRecord): ConsoleEntry[] {
  return record.entries.filter((entry): entry is ConsoleEntry => entry.kind === 'console');
}

/** The first packet on the same link after `after` that satisfies `test`. */
export function nextOnLink(
  record: RunRecord,
  after: PacketEntry,
  test: (entry: PacketEntry) => boolean,
): PacketEntry | undefined {
  return record.entries.find(
    (entry): entry is PacketEntry =>
      entry.kind === 'packet' && entry.linkId === after.linkId && entry.seq > after.seq && test(entry),
  );
}

export function field<T>(entry: PacketEntry, name: string, guard: (value: unknown) => value is T): T | undefined {
  const value = entry.packet[name];
  return guard(value) ? value : undefined;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

function isBinaryField(value: unknown): value is BinaryField {
  return typeof value === 'object' && value !== null && typeof (value as { base64?: unknown }).base64 === 'string';
}

/** A payload as text: its UTF-8 when it is valid UTF-8, else a byte count. */
export function payloadText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isBinaryField(value)) return undefined;
  return value.utf8;
}

export function payloadPhrase(value: unknown): string {
  const text = payloadText(value);
  if (text !== undefined) return JSON.stringify(text);
  if (isBinaryField(value)) return `${Math.floor((value.base64.length * 3) / 4)} bytes of binary`;
  return 'no payload';
}

export function qosOf(entry: PacketEntry): number {
  return field(entry, 'qos', isNumber) ?? 0;
}

export function topicOf(entry: PacketEntry): string {
  return field(entry, 'topic', isString) ?? '';
}

export function messageIdOf(entry: PacketEntry): number | undefined {
  return field(entry, 'messageId', isNumber);
}

/** "PUBLISH `lab/hello` QoS 1" — how a packet is named in a verdict. */
export function describePublish(entry: PacketEntry): string {
  return `PUBLISH to \`${topicOf(entry)}\` at QoS ${qosOf(entry)} (${payloadPhrase(entry.packet['payload'])})`;
}

/** Joins phrases as a reader expects: "a", "a and b", "a, b and c". */
export function listPhrase(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  if (items.length === 1) return items[0] ?? empty;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** At most `limit` items, then "… and N more". */
export function limited(items: readonly string[], limit = 4): string[] {
  if (items.length <= limit) return [...items];
  return [...items.slice(0, limit), `${items.length - limit} more`];
}

/** Upper-cases the first letter, for titles that start with a client phrase. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
