/** The selected packet: its decoded fields as a table, its payload readable, its bytes annotated. */
import { useMemo } from 'preact/hooks';
import type { BinaryField, PacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import { annotateBytes } from './annotate-bytes.ts';
import { DetailsFrame } from './DetailsFrame.tsx';
import { base64ToBytes, payloadText, spokenLabel } from './model/describe-packet.ts';

export interface PacketDetailsProps {
  entry: PacketEntry;
  client: string;
  version: 4 | 5;
  onClose?: () => void;
}

const isBinary = (value: unknown): value is BinaryField => typeof value === 'object' && value !== null && 'base64' in value;

/** Renders a decoded field value; passwords are never shown. */
function fieldText(key: string, value: unknown): string {
  if (key === 'password') return '•••••• (hidden)';
  if (isBinary(value)) {
    const payload = payloadText(value);
    return payload.kind === 'empty' ? '(empty)' : payload.text;
  }
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value, (k, v: unknown) => (k === 'password' ? '••••••' : isBinary(v) ? (v.utf8 ?? `base64 ${v.base64}`) : v));
  }
  return String(value);
}

export function PacketDetails({ entry, client, version, onClose }: PacketDetailsProps) {
  const bytes = useMemo(() => base64ToBytes(entry.raw), [entry.raw]);
  const ranges = useMemo(() => annotateBytes(bytes, version), [bytes, version]);
  const { packet } = entry;
  const payload = packet.cmd === 'publish' ? payloadText(packet['payload'] as BinaryField | undefined) : undefined;
  // mqtt-packet gives every packet retain/qos/dup; only a PUBLISH's mean anything.
  const flagKeys = packet.cmd === 'publish' ? [] : ['retain', 'qos', 'dup'];
  const fields = Object.entries(packet).filter(([key]) => !['cmd', 'payload', 'length', ...flagKeys].includes(key));
  return (
    <DetailsFrame
      label="Packet details"
      title={`#${entry.seq} ${spokenLabel(packet, client, entry.direction)}`}
      meta={`${entry.time} ms · link ${entry.linkId} · MQTT ${version === 5 ? '5.0' : '3.1.1'} · ${bytes.length} bytes`}
      onClose={onClose}
      fields={fields.map(([key, value]) => [key, fieldText(key, value)])}
      payload={payload && { name: 'Payload', text: payload }}
      bytesHeading="Bytes on the wire"
      bytes={bytes}
      ranges={ranges}
    />
  );
}
