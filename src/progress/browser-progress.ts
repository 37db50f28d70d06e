import { localStorageAdapter } from './key-value-storage';
import { ProgressStore, type ExerciseResult } from './progress-store';
import { PROGRESS_CHANGED_EVENT } from './storage-keys';

/**
 * The page's one progress store, on localStorage, shared by every island of the page (they all
 * hear each other's changes through `subscribe`) and kept in step with other tabs.
 */

let store: ProgressStore | undefined;

export function progressStore(): ProgressStore {
  if (!store) {
    store = new ProgressStore(localStorageAdapter());
    // Scripts that read progress without the store (the sidebar marks) listen for this.
    store.subscribe(() => window.dispatchEvent(new Event(PROGRESS_CHANGED_EVENT)));
  }
  return store;
}

/**
 * What the Exercise island calls once a run has been graded:
 * `recordExerciseResult('01-fundamentals/first-connection', { passed, checks: results.map(({ id, title, pass }) => ({ id, title, pass })) })`.
 */
export function recordExerciseResult(exerciseId: string, result: ExerciseResult): void {
  progressStore().recordExerciseResult(exerciseId, result);
}

/** What the quiz island calls after each answer; `questionKey` is "<quiz id>/<question id>". */
export function recordQuestionAnswer(questionKey: string, passed: boolean): void {
  progressStore().recordQuestionAnswer(questionKey, passed);
}

export function markLessonRead(path: string): void {
  progressStore().markLessonRead(path);
}
