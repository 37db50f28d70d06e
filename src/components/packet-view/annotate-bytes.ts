/**
 * Annotates the bytes of one MQTT packet: every byte gets exactly one labelled range (fixed header,
 * remaining length, variable header field by field, properties, payload), in order. Never throws:
 * what cannot be read (truncated or malformed input) becomes one final `unparsed` range.
 */
import { ByteCursor, Malformed, OutOfBytes } from './annotate/byte-cursor.ts';
import type { ByteRange } from './annotate/byte-range.ts';
import { plural } from './annotate/describe-bytes.ts';
import { describeFirstByte, publishFlags } from './annotate/fixed-header.ts';
import { readBody } from './annotate/other-bodies.ts';
import { packetTypeOf } from './annotate/packet-types.ts';

export type { BytePart, ByteRange } from './annotate/byte-range.ts';
export { PART_NAMES } from './annotate/byte-range.ts';

/** `version` is the link's protocol level: 4 (3.1.1) or 5 (5.0). A CONNECT's own level takes precedence. */
export function annotateBytes(bytes: Uint8Array, version: 4 | 5): ByteRange[] {
  const cursor = new ByteCursor(bytes, 0, bytes.length);
  if (bytes.length === 0) return [];
  let packetEnd = bytes.length;
  let problem: string | undefined;
  try {
    const first = bytes[0] ?? 0;
    const type = packetTypeOf(first >> 4, version);
    cursor.byte('fixed-header', 'packetType', () => {
      const range: { label: string; value?: string } = { label: describeFirstByte(first, type) };
      if (type) range.value = type;
      return range;
    });
    if (!type) throw new Malformed(`reserved packet type ${first >> 4}`);
    const remainingLength = cursor.varint('remaining-length', 'remainingLength', (n) => ({ label: `Remaining length: ${plural(n, 'byte')}`, value: n }));
    packetEnd = cursor.pos + remainingLength;
    cursor.limit = Math.min(packetEnd, bytes.length);
    readBody(cursor, { type, version, qos: publishFlags(first & 0x0f).qos });
    if (cursor.pos < cursor.limit) problem = 'bytes after the last field this packet type has';
  } catch (error) {
    if (error instanceof OutOfBytes) problem = `truncated: ${describeField(error.message)} runs past the end of the packet`;
    else if (error instanceof Malformed) problem = `malformed: ${error.message}`;
    else throw error;
  }
  const ranges = cursor.ranges;
  const last = ranges.at(-1);
  if (cursor.pos === bytes.length && last) {
    // Nothing is left to mark unparsed, yet the packet is incomplete: say so on the last field.
    if (problem) last.label += ` (${problem})`;
    else if (packetEnd > bytes.length) last.label += ` (packet truncated: ${plural(packetEnd - bytes.length, 'byte')} missing)`;
  }
  if (cursor.pos < bytes.length) {
    const beyond = cursor.pos >= packetEnd;
    ranges.push({
      start: cursor.pos,
      end: bytes.length,
      part: 'unparsed',
      field: 'unparsed',
      label: beyond ? `${plural(bytes.length - cursor.pos, 'byte')} past the end of the packet` : `Not parsed (${problem ?? 'unknown problem'})`,
    });
  }
  return ranges;
}

/** `propertiesLength` → "properties length", for the learner. */
function describeField(field: string): string {
  return field.replace(/([A-Z])/g, ' $1').toLowerCase();
}
