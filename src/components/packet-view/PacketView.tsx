/**
 * The packet view island: filters, the live sequence diagram and the selected packet's details.
 * Give it the record's entries (a new array as entries arrive); it derives lanes, protocol
 * versions and handshakes itself.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PacketEntry, RecordEntry, SnPacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import { PacketDetails } from './PacketDetails.tsx';
import { PacketSequence } from './PacketSequence.tsx';
import { SnPacketDetails } from './SnPacketDetails.tsx';
import { protocolVersionsOf, type ProtocolVersion } from './model/protocol-versions.ts';
import { buildSequence, clientNames } from './model/sequence-model.ts';
import './packet-view.css';

export interface PacketViewProps {
  entries: readonly RecordEntry[];
  /** Overrides the version read from each link's CONNECT (e.g. for a record that starts mid-connection). */
  protocolVersionOf?: (linkId: number) => ProtocolVersion;
  /** Rows drawn before "show earlier rows"; thousands of rows would make the page sluggish. */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 300;

export function PacketView({ entries, protocolVersionOf, maxRows = DEFAULT_MAX_ROWS }: PacketViewProps) {
  const [client, setClient] = useState<string>('');
  const [type, setType] = useState<string>('');
  const [showAll, setShowAll] = useState(false);
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const [focusSeq, setFocusSeq] = useState<number | undefined>(undefined);

  const model = useMemo(() => {
    const filter: { client?: string; type?: string } = {};
    if (client) filter.client = client;
    if (type) filter.type = type;
    return buildSequence(entries, filter);
  }, [entries, client, type]);
  const versions = useMemo(() => protocolVersionsOf(entries), [entries]);
  const names = useMemo(() => clientNames(entries), [entries]);

  const hiddenRows = showAll ? 0 : Math.max(0, model.rows.length - maxRows);
  const rows = hiddenRows > 0 ? model.rows.slice(hiddenRows) : model.rows;
  const selected = entries.find((entry): entry is PacketEntry => entry.kind === 'packet' && entry.seq === selectedSeq);
  const selectedSn = entries.find((entry): entry is SnPacketEntry => entry.kind === 'sn-packet' && entry.seq === selectedSeq);
  const snRow = selectedSn && model.rows.find((row) => row.kind === 'sn-packet' && row.entry.seq === selectedSn.seq);
  const packetCount = entries.reduce((count, entry) => count + (entry.kind === 'packet' || entry.kind === 'sn-packet' ? 1 : 0), 0);
  const lanes = client ? model.clients.filter((name) => name === client) : model.clients;
  const snLanes = client ? model.snClients.filter((name) => name === client) : model.snClients;

  return (
    <div class="packet-view">
      <div class="pv-toolbar">
        <label>
          Client{' '}
          <select aria-label="Filter by client" value={client} onChange={(event) => setClient(event.currentTarget.value)}>
            <option value="">all</option>
            {[...model.clients, ...model.snClients].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Packet type{' '}
          <select aria-label="Filter by packet type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
            <option value="">all</option>
            {model.types.map((name) => (
              <option key={name} value={name}>
                {name.startsWith('sn:') ? `${name.slice(3).toUpperCase()} (MQTT-SN)` : name.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <span class="pv-count">
          {packetCount} {packetCount === 1 ? 'packet' : 'packets'}
        </span>
      </div>
      {rows.length === 0 ? (
        <p class="pv-empty">No packets yet.</p>
      ) : (
        <PacketSequence
          clients={lanes}
          snClients={snLanes}
          rows={rows}
          hiddenRows={hiddenRows}
          onShowAll={() => setShowAll(true)}
          selectedSeq={selectedSeq}
          focusSeq={focusSeq}
          onFocusSeq={setFocusSeq}
          onSelect={(seq) => setSelectedSeq(seq === selectedSeq ? undefined : seq)}
        />
      )}
      {selected && (
        <PacketDetails
          entry={selected}
          client={names.get(selected.linkId) ?? `link ${selected.linkId}`}
          version={protocolVersionOf?.(selected.linkId) ?? versions.get(selected.linkId) ?? 4}
          onClose={() => setSelectedSeq(undefined)}
        />
      )}
      {selectedSn && <SnPacketDetails entry={selectedSn} client={snRow?.client ?? selectedSn.address} onClose={() => setSelectedSeq(undefined)} />}
    </div>
  );
}
