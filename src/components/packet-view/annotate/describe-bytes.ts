/** Short, readable renderings of field values for range labels. */
import { utf8OrUndefined } from './byte-cursor.ts';

const MAX_LABEL_TEXT = 60;

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, '0').toUpperCase()}`;
}

function clip(text: string): string {
  return text.length > MAX_LABEL_TEXT ? `${text.slice(0, MAX_LABEL_TEXT)}…` : text;
}

/** Binary data as quoted text when it is printable UTF-8, else as hex. */
export function binaryText(bytes: Uint8Array): string {
  const text = utf8OrUndefined(bytes);
  // Control characters other than tab/newline would render as nothing: show such data as hex.
  if (text !== undefined && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return `"${clip(text)}"`;
  return `hex ${clip(hex(bytes))}`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
