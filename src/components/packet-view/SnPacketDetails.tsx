/** The selected MQTT-SN datagram: its decoded fields, its data readable, its bytes annotated field by field. */
import { useMemo } from 'preact/hooks';
import type { BinaryField, SnPacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import { annotateSnBytes } from './annotate-sn-bytes.ts';
import { HexDump } from './HexDump.tsx';
import { base64ToBytes, payloadText } from './model/describe-packet.ts';
import { snSpokenLabel } from './model/describe-sn-packet.ts';

export interface SnPacketDetailsProps {
  entry: SnPacketEntry;
  client: string;
  onClose?: () => void;
}

const isBinary = (value: unknown): value is BinaryField => typeof value === 'object' && value !== null && 'base64' in value;
const BINARY_FIELDS = ['data', 'willMsg'];

export function SnPacketDetails({ entry, client, onClose }: SnPacketDetailsProps) {
  const bytes = useMemo(() => base64ToBytes(entry.raw), [entry.raw]);
  const ranges = useMemo(() => annotateSnBytes(bytes), [bytes]);
  const { packet } = entry;
  const binaryKey = BINARY_FIELDS.find((key) => isBinary(packet[key]));
  const data = binaryKey ? payloadText(packet[binaryKey] as BinaryField) : undefined;
  const fields = Object.entries(packet).filter(([key]) => key !== 'type' && key !== binaryKey);
  return (
    <section class="pv-details" aria-label="MQTT-SN datagram details">
      <header class="pv-details-head">
        <h4>
          #{entry.seq} {snSpokenLabel(packet, client, entry.direction)}
        </h4>
        <span class="pv-details-meta">
          {entry.time} ms · address {entry.address} · MQTT-SN 1.2 · {bytes.length} bytes
        </span>
        {onClose && (
          <button type="button" class="pv-close" onClick={onClose}>
            Close details
          </button>
        )}
      </header>
      <table class="pv-fields">
        <caption class="sr-only">Decoded fields</caption>
        <tbody>
          {fields.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                <code>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && (
        <div class="pv-payload">
          <h5>{binaryKey === 'data' ? 'Data' : 'Will message'} {data.kind === 'json' ? '(JSON)' : data.kind === 'hex' ? '(binary, hex)' : data.kind === 'empty' ? '(empty)' : '(UTF-8 text)'}</h5>
          {data.kind !== 'empty' && <pre>{data.text}</pre>}
        </div>
      )}
      <h5>Bytes on the radio</h5>
      <HexDump bytes={bytes} ranges={ranges} />
    </section>
  );
}
