/**
 * The frame both details panels share (an MQTT packet, an MQTT-SN datagram): heading and facts, the
 * decoded fields as a table, the payload readable, the bytes annotated. Each panel decides what
 * goes in; the markup, and so the keyboard and screen-reader behaviour, is the same for both.
 */
import type { ComponentChildren } from 'preact';
import type { ByteRange } from './annotate/byte-range.ts';
import { HexDump } from './HexDump.tsx';
import type { payloadText } from './model/describe-packet.ts';

export interface DetailsFrameProps {
  label: string;
  title: ComponentChildren;
  meta: string;
  onClose?: (() => void) | undefined;
  /** Field name and its value as shown. */
  fields: Array<[string, string]>;
  /** What the payload is called ("Payload", "Data", "Will message") and its readable form. */
  payload?: { name: string; text: ReturnType<typeof payloadText> } | undefined;
  bytesHeading: string;
  bytes: Uint8Array;
  ranges: ByteRange[];
}

const KIND_NOTE = { json: '(JSON)', hex: '(binary, hex)', empty: '(empty)', text: '(UTF-8 text)' } as const;

export function DetailsFrame({ label, title, meta, onClose, fields, payload, bytesHeading, bytes, ranges }: DetailsFrameProps) {
  return (
    <section class="pv-details" aria-label={label}>
      <header class="pv-details-head">
        <h4>{title}</h4>
        <span class="pv-details-meta">{meta}</span>
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
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {payload && (
        <div class="pv-payload">
          <h5>
            {payload.name} {KIND_NOTE[payload.text.kind]}
          </h5>
          {payload.text.kind !== 'empty' && <pre>{payload.text.text}</pre>}
        </div>
      )}
      <h5>{bytesHeading}</h5>
      <HexDump bytes={bytes} ranges={ranges} />
    </section>
  );
}
