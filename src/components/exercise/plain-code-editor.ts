/**
 * The plain editor: a styled <textarea> holding the learner's code, usable the moment the island
 * is (Monaco is about 700 KB gzip and loads after). It behaves like the full editor where it
 * matters to a keyboard user: Tab indents, Shift+Tab outdents, Enter keeps the indentation,
 * Ctrl+M (Mac: Ctrl+Shift+M) makes Tab move focus, Esc then Tab leaves. Edits go through
 * `insertText` so the browser's own undo (Ctrl+Z) covers them.
 */
import type { EditorCallbacks, EditorHandover, LearnerEditor } from './learner-editor.ts';
import { indent, newline, offsetOfLine, outdent, type TextEdit } from './plain-editing.ts';

export interface PlainEditor extends LearnerEditor {
  /** What Monaco needs to carry on where the learner is; call it right before the swap. */
  handover(): EditorHandover;
  /** Resolves when no IME composition is in progress: a swap mid-composition would lose it. */
  settled(): Promise<void>;
}

export function createPlainEditor(element: HTMLElement, options: {
  code: string;
  ariaLabel: string;
  /** The id of the text that explains the keys. */
  describedBy: string;
  callbacks: Pick<EditorCallbacks, 'onChange' | 'onTabMovesFocus'>;
}): PlainEditor {
  const textarea = document.createElement('textarea');
  textarea.className = 'exercise__plain-editor';
  textarea.value = options.code;
  textarea.spellcheck = false;
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('autocorrect', 'off');
  textarea.setAttribute('aria-label', options.ariaLabel);
  textarea.setAttribute('aria-describedby', options.describedBy);
  textarea.dataset['plainEditor'] = '';
  element.append(textarea);
  // Setting `value` leaves the caret at the end; a learner starts reading (and Monaco showing) at the top.
  textarea.setSelectionRange(0, 0);

  let tabMovesFocus = false;
  let escaped = false;
  let composing: Promise<void> | undefined;
  let endComposition = (): void => undefined;

  /** Applies an edit as the browser's own typing would: one undo step, an `input` event. */
  const apply = (edit: TextEdit): void => {
    textarea.setSelectionRange(edit.from, edit.to);
    // execCommand keeps the native undo stack; where it is unsupported, setRangeText still edits.
    if (!document.execCommand('insertText', false, edit.insert)) {
      textarea.setRangeText(edit.insert, edit.from, edit.to, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    textarea.setSelectionRange(edit.start, edit.end);
  };
  const state = () => ({ text: textarea.value, start: textarea.selectionStart, end: textarea.selectionEnd });

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    // Ctrl+M, or Ctrl+Shift+M as on a Mac, where the full editor's Cmd+M would minimise the window.
    if (event.code === 'KeyM' && event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      tabMovesFocus = !tabMovesFocus;
      options.callbacks.onTabMovesFocus(tabMovesFocus);
      return;
    }
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    const leaving = tabMovesFocus || escaped;
    escaped = false;
    if (event.key === 'Tab' && !leaving && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      apply(event.shiftKey ? outdent(state()) : indent(state()));
    } else if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      apply(newline(state()));
    }
  };
  const onInput = (): void => options.callbacks.onChange(textarea.value);
  const onCompositionStart = (): void => {
    composing = new Promise((resolve) => {
      endComposition = resolve;
    });
  };
  const onCompositionEnd = (): void => {
    composing = undefined;
    endComposition();
  };
  const onBlur = (): void => {
    escaped = false;
  };
  textarea.addEventListener('keydown', onKeyDown);
  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  textarea.addEventListener('blur', onBlur);

  return {
    getCode: () => textarea.value,
    replaceCode(code) {
      apply({ from: 0, to: textarea.value.length, insert: code, start: 0, end: 0 });
    },
    focus: () => textarea.focus(),
    revealLine(line) {
      const offset = offsetOfLine(textarea.value, line);
      textarea.focus();
      textarea.setSelectionRange(offset, offset);
      // Put the line in view: a line's height times the lines above it, less a few for context.
      const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      textarea.scrollTop = Math.max(0, (line - 4) * lineHeight);
    },
    // The result panel names the line and offers "Go to line": the plain editor has no markers.
    showRunError: () => undefined,
    clearRunError: () => undefined,
    // A textarea is read by screen readers as it is.
    setScreenReaderMode: () => undefined,
    handover() {
      const backward = textarea.selectionDirection === 'backward';
      return {
        code: textarea.value,
        anchor: backward ? textarea.selectionEnd : textarea.selectionStart,
        active: backward ? textarea.selectionStart : textarea.selectionEnd,
        focused: document.activeElement === textarea,
        tabMovesFocus,
      };
    },
    settled: () => composing ?? Promise.resolve(),
    dispose() {
      textarea.removeEventListener('keydown', onKeyDown);
      textarea.removeEventListener('input', onInput);
      textarea.removeEventListener('compositionstart', onCompositionStart);
      textarea.removeEventListener('compositionend', onCompositionEnd);
      textarea.removeEventListener('blur', onBlur);
      textarea.remove();
    },
  };
}
