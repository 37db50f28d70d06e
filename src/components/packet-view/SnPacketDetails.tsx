/** The selected MQTT-SN datagram: its decoded fields, its data readable, its bytes annotated field by field. */
import { useMemo } from 'preact/hooks';
import type { BinaryField, SnPacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import { annotateSnBytes } from './annotate-sn-bytes.ts';
import { DetailsFrame } from './DetailsFrame.tsx';
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
    <DetailsFrame
      label="MQTT-SN datagram details"
      title={`#${entry.seq} ${snSpokenLabel(packet, client, entry.direction)}`}
      meta={`${entry.time} ms · address ${entry.address} · MQTT-SN 1.2 · ${bytes.length} bytes`}
      onClose={onClose}
      fields={fields.map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : String(value)])}
      payload={data && { name: binaryKey === 'data' ? 'Data' : 'Will message', text: data }}
      bytesHeading="Bytes on the radio"
      bytes={bytes}
      ranges={ranges}
    />
  );
}
