import { itemKey } from '../assessment/graded-items';
import type { Progress } from './progress-schema';

/**
 * Which graded items the learner has passed (keys as in graded-items.ts): an exercise once any
 * attempt passed all its checks; a quiz question while its latest answer is right (see
 * criterion-status.ts for why the two differ).
 */
export function passedItemKeys(progress: Progress): Set<string> {
  const passed = new Set<string>();
  for (const [id, record] of Object.entries(progress.exercises)) {
    if (record.attempts.some((attempt) => attempt.passed)) passed.add(itemKey({ kind: 'exercise', id }));
  }
  for (const [id, record] of Object.entries(progress.questions)) {
    if (record.attempts.at(-1)?.passed) passed.add(itemKey({ kind: 'question', id }));
  }
  return passed;
}

/**
 * When each passed item counts from: an exercise's first passing run; a question's latest
 * answer (the one that is right). Used to date a criterion met and a level earned.
 */
export function passedItemDates(progress: Progress): Map<string, string> {
  const dates = new Map<string, string>();
  for (const [id, record] of Object.entries(progress.exercises)) {
    const first = record.attempts.find((attempt) => attempt.passed);
    if (first) dates.set(itemKey({ kind: 'exercise', id }), first.date);
  }
  for (const [id, record] of Object.entries(progress.questions)) {
    const latest = record.attempts.at(-1);
    if (latest?.passed) dates.set(itemKey({ kind: 'question', id }), latest.date);
  }
  return dates;
}
