/**
 * What the exercise island needs of a code editor, met by two: the plain editor (a <textarea>,
 * usable as soon as the island is) and Monaco, which replaces it in place once loaded.
 */
export interface Problem {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  source: 'typescript' | 'run';
}

export interface LearnerEditor {
  getCode(): string;
  /** Replaces the code as one undoable edit (Ctrl+Z brings the previous code back). */
  replaceCode(code: string): void;
  focus(): void;
  revealLine(line: number): void;
  showRunError(line: number, message: string): void;
  clearRunError(): void;
  setScreenReaderMode(on: boolean): void;
  dispose(): void;
}

export interface EditorCallbacks {
  onChange(code: string): void;
  onProblems(problems: Problem[]): void;
  /** Tab focus mode switched on or off for good (Ctrl+M). */
  onTabMovesFocus(on: boolean): void;
}

/** What Monaco takes over from the plain editor, so that the swap loses nothing the learner did. */
export interface EditorHandover {
  code: string;
  /** Selection as text offsets: where it was started and where the caret is. */
  anchor: number;
  active: number;
  focused: boolean;
  tabMovesFocus: boolean;
}
