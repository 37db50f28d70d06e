import { INITIAL_EPOCH, PROGRESS_VERSION, type Progress, type ProgressV1 } from './progress-schema';

/**
 * Upgrades of stored progress, one step per version. v1 kept only pass booleans; v2 keeps every
 * attempt with its date and per-check verdicts. A v1 pass becomes one attempt dated at the
 * migration and marked `migrated`, with an id derived from the record so that two tabs migrating
 * the same store at once produce the same attempt (and merging them keeps one).
 */
export function migrateV1(v1: ProgressV1, now: Date): Progress {
  const date = now.toISOString();
  const attempt = (key: string, passed: boolean) => ({ id: `v1:${key}`, date, passed, migrated: true as const });
  return {
    version: 2,
    epoch: INITIAL_EPOCH,
    lessons: Object.fromEntries(v1.lessons.map((path) => [path, { readAt: date }])),
    exercises: Object.fromEntries(
      Object.entries(v1.exercises).map(([id, passed]) => [id, { attempts: [{ ...attempt(id, passed), checks: [] }] }]),
    ),
    questions: Object.fromEntries(Object.entries(v1.quizzes).map(([key, passed]) => [key, { attempts: [attempt(key, passed)] }])),
  };
}

/** The version a stored value claims, or undefined when it does not say. */
export function versionOf(value: unknown): number | undefined {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  return typeof version === 'number' ? version : undefined;
}

export const READABLE_VERSIONS = [1, PROGRESS_VERSION] as const;
