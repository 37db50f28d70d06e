/**
 * The sequence diagram: a broker lane and one lane per client; each packet an arrow between its
 * client and the broker, broker events inline. With MQTT-SN clients, a gateway lane follows the
 * MQTT clients and each MQTT-SN datagram is an arrow between its client and the gateway. Each packet is a button: arrow keys move between
 * packets (one tab stop for the whole list), Enter or click opens its details.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { SequenceRow } from './model/sequence-model.ts';

/** Handshake colours cycle through this many hues (see packet-view.css). */
const GROUP_COLOURS = 5;

export interface PacketSequenceProps {
  clients: string[];
  /** MQTT-SN client lanes, right of the gateway lane (none: no gateway lane). */
  snClients?: string[];
  rows: SequenceRow[];
  /** How many rows were left out at the top (only the last rows are drawn). */
  hiddenRows: number;
  onShowAll: () => void;
  selectedSeq: number | undefined;
  focusSeq: number | undefined;
  onFocusSeq: (seq: number) => void;
  onSelect: (seq: number) => void;
}

const NEXT_KEYS: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: 'first', End: 'last' };

export function PacketSequence(props: PacketSequenceProps) {
  const { clients, rows, hiddenRows, selectedSeq, focusSeq } = props;
  const snClients = props.snClients ?? [];
  const gatewayLane = snClients.length > 0 ? clients.length + 2 : 0;
  const listRef = useRef<HTMLOListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const packetSeqs = rows.filter((row) => row.kind !== 'event').map((row) => row.entry.seq);
  // The one tab stop: the focused packet, else the selected one, else the newest.
  const tabSeq = [focusSeq, selectedSeq].find((seq) => seq !== undefined && packetSeqs.includes(seq)) ?? packetSeqs.at(-1);
  const lanes = clients.length + 1 + (gatewayLane ? 1 + snClients.length : 0);

  // Follow new packets while the reader is at the bottom; stay put once they scroll up.
  useEffect(() => {
    const box = scrollRef.current;
    if (box && followRef.current) box.scrollTop = box.scrollHeight;
  }, [rows.length]);

  const onScroll = (): void => {
    const box = scrollRef.current;
    if (box) followRef.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const move = NEXT_KEYS[event.key];
    if (move === undefined || packetSeqs.length === 0) return;
    event.preventDefault();
    const here = tabSeq === undefined ? -1 : packetSeqs.indexOf(tabSeq);
    const index = move === 'first' ? 0 : move === 'last' ? packetSeqs.length - 1 : Math.min(packetSeqs.length - 1, Math.max(0, here + move));
    const seq = packetSeqs[index];
    if (seq === undefined) return;
    props.onFocusSeq(seq);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-seq="${seq}"]`)?.focus();
  };

  return (
    <div class="pv-sequence" style={{ '--pv-lanes': lanes }}>
      <div class="pv-lane-heads" aria-hidden="true">
        <span class="pv-lane-head pv-broker-head">broker</span>
        {clients.map((client) => (
          <span class="pv-lane-head" key={client}>
            {client}
          </span>
        ))}
        {gatewayLane > 0 && <span class="pv-lane-head pv-broker-head">MQTT-SN gateway</span>}
        {snClients.map((client) => (
          <span class="pv-lane-head" key={client}>
            {client}
          </span>
        ))}
      </div>
      <div class="pv-scroll" ref={scrollRef} onScroll={onScroll}>
        {hiddenRows > 0 && (
          <button type="button" class="pv-show-all" onClick={props.onShowAll}>
            Show {hiddenRows} earlier rows
          </button>
        )}
        <ol class="pv-rows" ref={listRef} onKeyDown={onKeyDown} aria-label="Packets and broker events, oldest first">
          {rows.map((row) => {
            if (row.kind === 'event') {
              return (
                <li key={row.entry.seq} class={`pv-row pv-event pv-event-${row.entry.event}`}>
                  <span class="pv-event-text">
                    <span class="pv-time">{row.entry.time} ms</span> {row.text}
                  </span>
                </li>
              );
            }
            const sn = row.kind === 'sn-packet';
            const lane = sn ? gatewayLane + 1 + snClients.indexOf(row.client) : clients.indexOf(row.client) + 2;
            const from = sn ? gatewayLane : 1;
            const peer = sn ? 'gateway' : 'broker';
            const { seq, direction, time } = row.entry;
            const spoken = row.group === undefined ? row.spoken : `${row.spoken} (handshake ${row.group + 1})`;
            const group = row.group === undefined ? '' : ` pv-group pv-group-${row.group % GROUP_COLOURS}`;
            return (
              <li key={seq} class={`pv-row pv-packet pv-${direction}${group}${sn ? ' pv-sn' : ''}`} style={{ '--pv-span': lane, '--pv-from': from, '--pv-cols': lane - from + 1 }}>
                <button
                  type="button"
                  data-seq={seq}
                  class="pv-arrow-button"
                  aria-current={seq === selectedSeq ? true : undefined}
                  tabIndex={seq === tabSeq ? 0 : -1}
                  title={`${row.label} (${time} ms)`}
                  onFocus={() => props.onFocusSeq(seq)}
                  onClick={() => props.onSelect(seq)}
                >
                  {/* Screen readers get the full sentence as the button's content rather than an
                      aria-label, so no accessible name contradicts the visible text (WCAG 2.5.3). */}
                  <span class="pv-route" aria-hidden="true">
                    {direction === 'in' ? `${row.client} → ${peer}` : `${peer} → ${row.client}`}
                  </span>
                  <span class="pv-label" aria-hidden="true">
                    {row.label}
                  </span>
                  <span class="sr-only pv-spoken">{spoken}</span>
                  <span class="pv-arrow" aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
