/**
 * The few code-editing keys the plain editor (a <textarea>, shown until Monaco has loaded) adds
 * to what a textarea does natively: Tab and Shift+Tab indent and outdent the caret's lines,
 * Enter keeps the line's indentation. Pure functions of the text and selection, so they are
 * tested without a browser; the editor applies the result as one undoable edit.
 */

/** Two spaces, as Monaco is configured (`tabSize: 2`): the code looks the same in both editors. */
export const INDENT = '  ';

export interface TextState {
  text: string;
  /** Selection as textarea offsets; `start === end` is a caret. */
  start: number;
  end: number;
}

/** Replace `text.slice(from, to)` by `insert`, then select `start`…`end`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
  start: number;
  end: number;
}

const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** The lines the selection touches, as [start of the first, end of the last); a selection ending at a line start excludes that line. */
function touchedLines({ text, start, end }: TextState): { from: number; to: number } {
  const from = lineStartOf(text, start);
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const newline = text.indexOf('\n', last);
  return { from, to: newline === -1 ? text.length : newline };
}

/** Tab: a caret gets spaces up to the next indent stop; a selection over lines has each line indented. */
export function indent(state: TextState): TextEdit {
  const { text, start, end } = state;
  if (start === end || !text.slice(start, end).includes('\n')) {
    const column = start - lineStartOf(text, start);
    const spaces = ' '.repeat(INDENT.length - (column % INDENT.length));
    return { from: start, to: end, insert: spaces, start: start + spaces.length, end: start + spaces.length };
  }
  const { from, to } = touchedLines(state);
  const lines = text.slice(from, to).split('\n');
  const insert = lines.map((line) => (line.length > 0 ? INDENT + line : line)).join('\n');
  return { from, to, insert, start: start + (lines[0]!.length > 0 ? INDENT.length : 0), end: end + (insert.length - (to - from)) };
}

/** Shift+Tab: each touched line loses up to one indent's worth of leading spaces (or one tab). */
export function outdent(state: TextState): TextEdit {
  const { text, start, end } = state;
  const { from, to } = touchedLines(state);
  const lines = text.slice(from, to).split('\n');
  const removed = lines.map((line) => (line.startsWith('\t') ? 1 : Math.min(INDENT.length, /^ */.exec(line)![0].length)));
  const insert = lines.map((line, index) => line.slice(removed[index])).join('\n');
  const firstRemoved = removed[0] ?? 0;
  const newStart = Math.max(from, start - firstRemoved);
  return { from, to, insert, start: newStart, end: Math.max(newStart, end - (to - from - insert.length)) };
}

/** Enter: a new line with the current line's indentation, one level more after an opening bracket. */
export function newline(state: TextState): TextEdit {
  const { text, start, end } = state;
  const lineStart = lineStartOf(text, start);
  const before = text.slice(lineStart, start);
  const indentation = /^[ \t]*/.exec(before)![0];
  const opens = /[{[(]\s*$/.test(before);
  const insert = `\n${indentation}${opens ? INDENT : ''}`;
  return { from: start, to: end, insert, start: start + insert.length, end: start + insert.length };
}

/** The text after an edit (what the textarea will hold). */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

/** The offset of the first character of 1-based `line` (clamped to the text). */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return offset;
    offset = next + 1;
  }
  return offset;
}
