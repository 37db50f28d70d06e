/**
 * Turns record entries into the rows of the sequence diagram: lanes by client, one row per packet
 * or shown broker event, with QoS handshakes grouped (same client, same packet id, same flow).
 */
import type { BrokerEventEntry, PacketEntry, PacketType, RecordEntry } from '../../../../sandbox-broker/src/record-types.ts';
import { describeEvent, isShownEvent } from './describe-event.ts';
import { arrowLabel, spokenLabel } from './describe-packet.ts';

export interface PacketRow {
  kind: 'packet';
  entry: PacketEntry;
  client: string;
  label: string;
  spoken: string;
  /** Handshake number (from 0) shared by the packets of one QoS 1 or QoS 2 exchange. */
  group?: number;
}

export interface EventRow {
  kind: 'event';
  entry: BrokerEventEntry;
  client?: string;
  text: string;
}

export type SequenceRow = PacketRow | EventRow;

export interface SequenceFilter {
  client?: string;
  type?: PacketType;
}

export interface SequenceModel {
  /** Client lanes in order of first appearance (the broker lane is implicit). */
  clients: string[];
  /** Packet types present, for the filter. */
  types: PacketType[];
  rows: SequenceRow[];
}

/** A client's name on each link: its client id once known, else "link N". */
export function clientNames(entries: readonly RecordEntry[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const entry of entries) {
    if (entry.kind === 'console' || entry.linkId === undefined || names.has(entry.linkId)) continue;
    const fromConnect = entry.kind === 'packet' && entry.packet.cmd === 'connect' ? entry.packet['clientId'] : undefined;
    const id = entry.clientId || (typeof fromConnect === 'string' ? fromConnect : '');
    if (id) names.set(entry.linkId, id);
  }
  return names;
}

const FINISHING: ReadonlySet<PacketType> = new Set(['puback', 'pubcomp']);
const HANDSHAKE: ReadonlySet<PacketType> = new Set(['publish', 'puback', 'pubrec', 'pubrel', 'pubcomp']);

/**
 * Who sent the PUBLISH this packet belongs to: PUBLISH and PUBREL travel in the publisher's
 * direction, PUBACK, PUBREC and PUBCOMP the other way. Client and broker number their packets
 * independently, so the flow is part of a handshake's identity.
 */
function flowOf(entry: PacketEntry): 'in' | 'out' {
  const withPublisher = entry.packet.cmd === 'publish' || entry.packet.cmd === 'pubrel';
  return withPublisher ? entry.direction : entry.direction === 'in' ? 'out' : 'in';
}

export function buildSequence(entries: readonly RecordEntry[], filter: SequenceFilter = {}): SequenceModel {
  const names = clientNames(entries);
  const nameOf = (linkId: number | undefined, clientId: string | undefined): string | undefined =>
    (linkId !== undefined ? names.get(linkId) : undefined) ?? (clientId || (linkId !== undefined ? `link ${linkId}` : undefined));
  const clients: string[] = [];
  const types = new Set<PacketType>();
  const rows: SequenceRow[] = [];
  const openHandshakes = new Map<string, number>();
  let nextGroup = 0;

  for (const entry of entries) {
    if (entry.kind === 'packet') {
      const client = nameOf(entry.linkId, entry.clientId) ?? `link ${entry.linkId}`;
      if (!clients.includes(client)) clients.push(client);
      types.add(entry.packet.cmd);
      const handshake = handshakeGroup(entry, client);
      if (filter.client !== undefined && filter.client !== client) continue;
      if (filter.type !== undefined && filter.type !== entry.packet.cmd) continue;
      const resent = handshake?.resent ? ' · re-sent' : '';
      // With several broker nodes (module 5), which node the packet crossed.
      const node = entry.node === undefined ? '' : ` · node ${entry.node}`;
      const row: PacketRow = {
        kind: 'packet',
        entry,
        client,
        label: arrowLabel(entry.packet) + resent + node,
        spoken: spokenLabel(entry.packet, client, entry.direction) + (resent ? ', sent again' : '') + (node ? `, on node ${entry.node}` : ''),
      };
      if (handshake) row.group = handshake.group;
      rows.push(row);
    } else if (entry.kind === 'event' && isShownEvent(entry)) {
      const client = nameOf(entry.linkId, entry.clientId);
      if (filter.type !== undefined) continue;
      if (filter.client !== undefined && client !== undefined && client !== filter.client) continue;
      const row: EventRow = { kind: 'event', entry, text: describeEvent(entry, client) };
      if (client !== undefined) row.client = client;
      rows.push(row);
    }
  }
  return { clients, types: [...types].sort(), rows };

  function handshakeGroup(entry: PacketEntry, client: string): { group: number; resent: boolean } | undefined {
    const { cmd } = entry.packet;
    const id = entry.packet['messageId'];
    if (!HANDSHAKE.has(cmd) || typeof id !== 'number') return undefined;
    if (cmd === 'publish' && entry.packet['qos'] === 0) return undefined;
    const key = `${client}\u0000${flowOf(entry)}\u0000${id}`;
    let group = openHandshakes.get(key);
    // A packet id stays in use until its exchange completes, so a PUBLISH with the id of an open
    // exchange is that message sent again (with DUP=1 if the sender follows [MQTT-3.3.1-1]).
    const resent = cmd === 'publish' && group !== undefined;
    if (group === undefined) {
      if (cmd !== 'publish' && cmd !== 'pubrel') return undefined;
      group = nextGroup++;
      openHandshakes.set(key, group);
    }
    if (FINISHING.has(cmd)) openHandshakes.delete(key);
    return { group, resent };
  }
}
