import { describe, expect, it } from 'vitest';
import { applyEdit, indent, newline, offsetOfLine, outdent, type TextState } from '../plain-editing.ts';

/** A state from text with `|` marking the caret, or `[` … `]` a selection. */
function state(marked: string): TextState {
  const caret = marked.indexOf('|');
  if (caret !== -1) return { text: marked.replace('|', ''), start: caret, end: caret };
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}

/** The text after the edit, with the new selection marked the same way. */
function after(before: TextState, edit: ReturnType<typeof indent>): string {
  const text = applyEdit(before.text, edit);
  return edit.start === edit.end
    ? `${text.slice(0, edit.start)}|${text.slice(edit.start)}`
    : `${text.slice(0, edit.start)}[${text.slice(edit.start, edit.end)}]${text.slice(edit.end)}`;
}

describe('plain editor keys', () => {
  it('Tab at a caret inserts spaces up to the next two-column stop', () => {
    expect(after(state('a|b'), indent(state('a|b')))).toBe('a |b');
    expect(after(state('|x'), indent(state('|x')))).toBe('  |x');
  });

  it('Tab over several lines indents each non-empty line and keeps them selected', () => {
    const before = state('[a\n\nb]\nc');
    expect(after(before, indent(before))).toBe('  [a\n\n  b]\nc');
  });

  it('a selection ending at the start of a line leaves that line alone', () => {
    const before = state('[a\n]b');
    expect(after(before, indent(before))).toBe('  [a\n]b');
  });

  it('Shift+Tab removes one indent (or one tab) from each touched line', () => {
    const before = state('    [a\n\tb\n c]\nd');
    expect(after(before, outdent(before))).toBe('  [a\nb\nc]\nd');
    const caret = state('  x|y');
    expect(after(caret, outdent(caret))).toBe('x|y');
    const unindented = state('x|y');
    expect(after(unindented, outdent(unindented))).toBe('x|y');
  });

  it('Enter keeps the indentation, one level more after an opening bracket', () => {
    expect(after(state('  a;|'), newline(state('  a;|')))).toBe('  a;\n  |');
    expect(after(state('  f(() => {|'), newline(state('  f(() => {|')))).toBe('  f(() => {\n    |');
    const selected = state('a[bc]d');
    expect(after(selected, newline(selected))).toBe('a\n|d');
  });

  it('finds the offset of a line, clamped to the text', () => {
    expect(offsetOfLine('ab\ncd\nef', 1)).toBe(0);
    expect(offsetOfLine('ab\ncd\nef', 3)).toBe(6);
    expect(offsetOfLine('ab\ncd', 9)).toBe(3);
  });
});
