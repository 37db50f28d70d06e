/** One annotated run of bytes in a packet, as the packet view shows it. */

/** The packet part a range belongs to; each part has its own colour in the hex dump. */
export type BytePart = 'fixed-header' | 'remaining-length' | 'variable-header' | 'properties' | 'payload' | 'unparsed'
  /** MQTT-SN (v1.2 §5.1): the message header (Length, MsgType) and the variable part. */
  | 'sn-header' | 'sn-variable';

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** One past the last byte. */
  end: number;
  part: BytePart;
  /** A stable machine name for the field, e.g. `topic`, `packetId`, `property:topicAlias`. */
  field: string;
  /** What a learner reads, e.g. "Topic name: lab/hello". */
  label: string;
  /** The decoded value, when the field has one. */
  value?: string | number | boolean;
}

export const PART_NAMES: Record<BytePart, string> = {
  'fixed-header': 'Fixed header',
  'remaining-length': 'Remaining length',
  'variable-header': 'Variable header',
  properties: 'Properties',
  payload: 'Payload',
  unparsed: 'Not parsed',
  'sn-header': 'Message header (Length, MsgType)',
  'sn-variable': 'Message variable part',
};
