/**
 * The interactive exercise: the learner's saved code in an editor, Run / Stop / Reset, hints one
 * at a time, the solution diff on request, and the result panel. Mounted by exercise-loader.ts
 * when the learner asks for the editor. The exercise is usable at once with the plain editor (a
 * textarea) while the sandbox (broker, learner worker, checks) warms up; then Monaco loads, on
 * idle, and replaces the plain editor in place with the code, selection and focus as they are.
 * The TypeScript language service starts after that.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RecordEntry, RunOutcome } from '../../../sandbox-broker/src/record-types.ts';
import { saveScreenReaderMode, loadScreenReaderMode } from '../../editor/editor-preferences.ts';
import { loadMonaco } from '../../editor/load-monaco.ts';
import type { CheckResult } from '../../exercise-engine/checks/check-types.ts';
import { FULL_EDITOR_READY_MARK, FULL_EDITOR_REQUESTED_MARK, INTERACTIVE_MARK } from './exercise-marks.ts';
import type { ExerciseIslandProps } from './exercise-props.ts';
import { HintList } from './HintList.tsx';
import type { LearnerEditor, Problem } from './learner-editor.ts';
import { createPlainEditor, type PlainEditor } from './plain-code-editor.ts';
import { ResultPanel } from './ResultPanel.tsx';
import type { RunningExercise } from './run-exercise.ts';
import { browserStorage, debounced, forgetSavedCode, loadSavedCode, saveCode } from './saved-code.ts';
import { SolutionDiff } from './SolutionDiff.tsx';

const SAVE_DELAY_MS = 400;
/**
 * `plain`: the textarea, usable (Run works); `upgrading`: still the textarea, Monaco loading;
 * `ready`: Monaco; `plain-only`: Monaco could not load, the textarea stays.
 */
type EditorState = 'loading' | 'plain' | 'upgrading' | 'ready' | 'plain-only';

const whenIdle = (): Promise<void> =>
  new Promise((resolve) => ('requestIdleCallback' in globalThis ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 100)));

export function ExerciseIsland({ exercise, hintsHtml, focusOnReady }: ExerciseIslandProps & { focusOnReady: boolean }) {
  const storage = useMemo(browserStorage, []);
  const saved = useMemo(() => loadSavedCode(exercise.id, storage), [exercise.id, storage]);
  const [notice, setNotice] = useState<string | undefined>(() =>
    saved.status === 'saved'
      ? 'Your saved code for this exercise was restored.'
      : saved.status === 'corrupt'
        ? 'The code saved for this exercise could not be read, so the starter code is shown. It will be saved again as you type.'
        : undefined,
  );
  const [editorState, setEditorState] = useState<EditorState>('loading');
  const [sandboxReady, setSandboxReady] = useState(false);
  /** Runs finished on this page; tests and the bench wait on it. */
  const [finishedRuns, setFinishedRuns] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const [screenReader, setScreenReader] = useState(loadScreenReaderMode);
  const [running, setRunning] = useState(false);
  const [entries, setEntries] = useState<RecordEntry[]>([]);
  const [outcome, setOutcome] = useState<RunOutcome>();
  const [results, setResults] = useState<CheckResult[]>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<LearnerEditor>();
  /** The line the last run failed on, for the full editor to mark once it replaces the plain one. */
  const lastRunError = useRef<{ line: number; message: string }>();
  const currentRun = useRef<RunningExercise>();
  const saver = useMemo(
    () =>
      debounced((code) => {
        if (!saveCode(exercise.id, code, storage)) setNotice('Your browser refused to store your code: it will be lost on reload.');
      }, SAVE_DELAY_MS),
    [exercise.id, storage],
  );

  useEffect(() => {
    let cancelled = false;
    const host = editorHost.current;
    if (!host) return;
    const keysId = `${exercise.id}-keys`;
    const callbacks = { onChange: saver.push, onProblems: setProblems, onTabMovesFocus: setTabMovesFocus };
    const plain: PlainEditor = createPlainEditor(host, {
      code: saved.status === 'saved' ? saved.code : exercise.starter,
      ariaLabel: `Code editor: ${exercise.meta.title}`,
      describedBy: keysId,
      callbacks,
    });
    editor.current = plain;
    setEditorState('plain');
    if (focusOnReady) plain.focus();

    const upgrade = async (): Promise<void> => {
      performance.mark(FULL_EDITOR_REQUESTED_MARK);
      setEditorState('upgrading');
      try {
        const [monaco, { createLearnerEditor }] = await Promise.all([loadMonaco(), import('./code-editor-setup.ts')]);
        await plain.settled();
        if (cancelled) return;
        const from = plain.handover();
        // Monaco gets a box of its own: if it fails to start, the plain editor is still there.
        const box = document.createElement('div');
        box.className = 'exercise__monaco';
        host.append(box);
        let full: LearnerEditor;
        try {
          full = createLearnerEditor(monaco, box, {
            exerciseId: exercise.id,
            ariaLabel: `Code editor: ${exercise.meta.title}. Press Control+M (Mac: Control+Shift+M) to switch whether Tab moves focus; Escape then Tab also leaves the editor.`,
            callbacks,
            from,
          });
        } catch (error) {
          box.remove();
          throw error;
        }
        plain.dispose();
        editor.current = full;
        const runError = lastRunError.current;
        if (runError) full.showRunError(runError.line, runError.message);
        performance.mark(FULL_EDITOR_READY_MARK);
        setEditorState('ready');
        if (from.focused) setAnnouncement('The full editor is ready: completion, hovers and type errors. Your code and cursor are where they were.');
      } catch {
        if (cancelled) return;
        setEditorState('plain-only');
        setNotice('The full editor could not be loaded, so this plain editor stays: your code runs and is graded the same. Reload the page to try again.');
      }
    };

    void (async () => {
      try {
        const { warmUp } = await import('./run-exercise.ts');
        await warmUp(exercise);
        if (cancelled) return;
        setSandboxReady(true);
        performance.mark(INTERACTIVE_MARK);
      } catch {
        // The first Run starts the sandbox again and reports what fails.
      }
      // Monaco waits for the sandbox: what a Run needs arrives first on a slow connection.
      await whenIdle();
      if (!cancelled) await upgrade();
    })();
    const flush = (): void => saver.flush();
    addEventListener('pagehide', flush);
    return () => {
      cancelled = true;
      removeEventListener('pagehide', flush);
      saver.flush();
      editor.current?.dispose();
    };
  }, []);

  async function run(): Promise<void> {
    const learner = editor.current;
    if (!learner || running) return;
    saver.flush();
    learner.clearRunError();
    lastRunError.current = undefined;
    setRunning(true);
    setOutcome(undefined);
    setResults(undefined);
    setEntries([]);
    setAnnouncement('Running…');
    try {
      const { runExercise } = await import('./run-exercise.ts');
      const started = runExercise(exercise, learner.getCode(), setEntries);
      currentRun.current = started;
      const graded = await started.result;
      setEntries(graded.record.entries);
      setOutcome(graded.record.outcome);
      setResults(graded.results);
      const line = graded.record.outcome?.line;
      if (line !== undefined) {
        lastRunError.current = { line, message: graded.record.outcome?.message ?? 'Your code failed here.' };
        editor.current?.showRunError(line, lastRunError.current.message);
      }
      const passed = graded.results.filter((result) => result.pass).length;
      // A run the learner stopped is not an attempt; every other graded run counts towards progress.
      if (graded.record.outcome?.status !== 'stopped') {
        const { recordExerciseResult } = await import('../../progress/browser-progress.ts');
        recordExerciseResult(exercise.id, {
          passed: passed === graded.results.length,
          checks: graded.results.map(({ id, title, pass }) => ({ id, title, pass })),
        });
      }
      setAnnouncement(`${graded.record.outcome?.status ?? 'finished'}: ${passed} of ${graded.results.length} checks passed.`);
    } catch (error) {
      setOutcome({ status: 'threw', message: `The sandbox failed: ${error instanceof Error ? error.message : String(error)}` });
      setAnnouncement('The sandbox failed.');
    } finally {
      currentRun.current = undefined;
      setRunning(false);
      setFinishedRuns((count) => count + 1);
    }
  }

  function resetToStarter(): void {
    editor.current?.replaceCode(exercise.starter);
    editor.current?.clearRunError();
    forgetSavedCode(exercise.id, storage);
    setConfirmingReset(false);
    setNotice('The starter code is back. Undo (Ctrl+Z in the editor) restores what you had.');
  }

  function toggleScreenReader(on: boolean): void {
    setScreenReader(on);
    saveScreenReaderMode(on);
    editor.current?.setScreenReaderMode(on);
  }

  const ready = editorState !== 'loading';
  return (
    <div class="exercise__island" data-editor-state={editorState} data-sandbox={sandboxReady ? 'ready' : 'starting'} data-finished-runs={finishedRuns}>
      {notice && (
        <p class="exercise__notice" role="status">
          {notice}{' '}
          <button type="button" class="exercise__link-button" onClick={() => setNotice(undefined)}>Dismiss</button>
        </p>
      )}
      <p class="exercise__keyboard-hint" id={`${exercise.id}-keys`}>
        Keyboard: <kbd>Tab</kbd> {tabMovesFocus ? 'moves focus' : 'indents'} in the editor — <kbd>Ctrl</kbd>+<kbd>M</kbd> (Mac:{' '}
        <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd>) switches this; <kbd>Esc</kbd> then <kbd>Tab</kbd> always leaves the editor.
        {(editorState === 'plain' || editorState === 'upgrading') && ' Completion and type errors arrive with the full editor, which is loading.'}
      </p>
      {/* not-content: Starlight spaces the children of Markdown content, Monaco's lines included. */}
      <div ref={editorHost} class="exercise__editor not-content" data-exercise-editor />
      <div class="exercise__toolbar" role="toolbar" aria-label="Exercise actions">
        <button type="button" class="exercise__button exercise__button--primary" data-action="run" disabled={!ready || running} onClick={() => void run()}>
          {running ? 'Running…' : 'Run'}
        </button>
        <button type="button" class="exercise__button" data-action="stop" disabled={!running} onClick={() => currentRun.current?.stop()}>
          Stop
        </button>
        <button type="button" class="exercise__button" data-action="reset" disabled={!ready} onClick={() => setConfirmingReset(true)}>
          Reset…
        </button>
        <label class="exercise__toggle">
          <input type="checkbox" checked={screenReader} onChange={(event) => toggleScreenReader(event.currentTarget.checked)} /> Screen-reader mode
        </label>
      </div>
      {confirmingReset && (
        <div class="exercise__confirm" role="group" aria-label="Reset to the starter code?">
          <p>Replace your code with the starter code? Undo in the editor brings yours back.</p>
          <button type="button" class="exercise__button" data-action="confirm-reset" onClick={resetToStarter}>Yes, reset</button>{' '}
          <button type="button" class="exercise__button exercise__button--quiet" onClick={() => setConfirmingReset(false)}>Keep my code</button>
        </div>
      )}
      {problems.length > 0 && (
        <section class="exercise__problems" aria-label="Problems in your code">
          <h4 class="exercise__subheading">Problems ({problems.length})</h4>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.source}:${problem.line}:${problem.column}:${problem.message}`}>
                <button type="button" class="exercise__link-button" onClick={() => editor.current?.revealLine(problem.line)}>
                  Line {problem.line}
                </button>{' '}
                <span class={`exercise__problem--${problem.severity}`}>{problem.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="sr-only" aria-live="polite">{announcement}</p>
      {(running || outcome || results) && (
        <ResultPanel running={running} outcome={outcome} results={results} entries={entries} onShowLine={(line) => editor.current?.revealLine(line)} />
      )}
      <HintList hints={exercise.hints} bodiesHtml={hintsHtml} />
      <SolutionDiff exerciseId={exercise.id} solution={exercise.solution} learnerCode={() => editor.current?.getCode() ?? exercise.starter} />
    </div>
  );
}
