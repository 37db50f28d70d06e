/** The packet's bytes as hex, each annotated range in its part's colour; hover or focus shows the label. */
import { useState } from 'preact/hooks';
import { PART_NAMES, type BytePart, type ByteRange } from './annotate-bytes.ts';

/** Beyond this many bytes the dump stops: a huge payload would otherwise flood the page. */
const MAX_DUMP_BYTES = 2048;
const MAX_LIST_HEX = 16;

const hexOf = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

export function rangeWhere(range: ByteRange): string {
  return range.end - range.start === 1 ? `byte ${range.start}` : `bytes ${range.start}–${range.end - 1}`;
}

function rangeHex(bytes: Uint8Array, range: ByteRange): string {
  const length = range.end - range.start;
  const shown = bytes.subarray(range.start, range.start + Math.min(length, MAX_LIST_HEX));
  const text = length === 1 ? `0x${hexOf(shown).toUpperCase()}` : hexOf(shown);
  return length > MAX_LIST_HEX ? `${text} …` : text;
}

export function HexDump({ bytes, ranges }: { bytes: Uint8Array; ranges: ByteRange[] }) {
  const [hovered, setHovered] = useState<ByteRange | undefined>(undefined);
  const [focused, setFocused] = useState<ByteRange | undefined>(undefined);
  // Keyboard focus wins: content scrolling under a parked mouse pointer must not steal the caption.
  const active = focused ?? hovered;
  const parts = [...new Set(ranges.map((r) => r.part))];
  const shownRanges = ranges.filter((r) => r.start < MAX_DUMP_BYTES);
  return (
    <div class="pv-hex">
      <ul class="pv-legend" aria-label="Colour key">
        {parts.map((part) => (
          <li key={part}>
            <span class={`pv-swatch pv-part-${part}`} aria-hidden="true" />
            {PART_NAMES[part as BytePart]}
          </li>
        ))}
      </ul>
      <p class="pv-hex-caption" aria-hidden="true">
        {active ? `${rangeWhere(active)}: ${active.label}` : 'Point at or tab to a byte range to see what it means.'}
      </p>
      <div class="pv-hex-bytes" onMouseLeave={() => setHovered(undefined)}>
        {shownRanges.map((range) => (
          <span
            key={range.start}
            class={`pv-range pv-part-${range.part}`}
            tabIndex={0}
            aria-label={`${rangeWhere(range)}: ${range.label}`}
            title={range.label}
            onMouseEnter={() => setHovered(range)}
            onFocus={() => setFocused(range)}
            onBlur={() => setFocused(undefined)}
          >
            {hexOf(bytes.subarray(range.start, Math.min(range.end, MAX_DUMP_BYTES)))}
          </span>
        ))}
        {bytes.length > MAX_DUMP_BYTES && <span class="pv-hex-more">… {bytes.length - MAX_DUMP_BYTES} more bytes</span>}
      </div>
      <details class="pv-range-list">
        <summary>Every field, byte by byte ({ranges.length})</summary>
        <ol>
          {ranges.map((range) => (
            <li key={range.start}>
              <span class={`pv-swatch pv-part-${range.part}`} aria-hidden="true" />
              {rangeWhere(range)}: <code>{rangeHex(bytes, range)}</code> — {range.label}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
