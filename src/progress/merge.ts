import type { Epoch, Progress } from './progress-schema';

/**
 * Merging two copies of the progress, record by record, so that concurrent writes from several
 * tabs never lose an attempt: lessons keep the earliest reading, attempts are a union by id, the
 * learner's name is the latest one set. A copy from an older epoch (before a reset) loses to a
 * newer one entirely, so a reset in one tab is not undone by another tab's memory. The merge is
 * commutative and idempotent: whichever tab merges, the result is the same.
 */

/** Attempts kept per exercise or question: enough for a history, bounded for localStorage. */
export const MAX_ATTEMPTS = 50;

export function compareEpochs(a: Epoch, b: Epoch): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function mergeAttempts<T extends { id: string; date: string }>(a: readonly T[], b: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const attempt of [...a, ...b]) if (!byId.has(attempt.id)) byId.set(attempt.id, attempt);
  return [...byId.values()]
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(-MAX_ATTEMPTS);
}

function mergeAttemptRecords<T extends { id: string; date: string }>(
  a: Record<string, { attempts: T[] }>,
  b: Record<string, { attempts: T[] }>,
): Record<string, { attempts: T[] }> {
  const merged: Record<string, { attempts: T[] }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    merged[key] = { attempts: mergeAttempts(a[key]?.attempts ?? [], b[key]?.attempts ?? []) };
  }
  return merged;
}

/** Merges the records of `b` into those of `a`, keeping `a`'s epoch (used by import, too). */
export function mergeRecords(a: Progress, b: Progress): Progress {
  const lessons: Progress['lessons'] = { ...a.lessons };
  for (const [path, record] of Object.entries(b.lessons)) {
    const existing = lessons[path];
    if (!existing || record.readAt < existing.readAt) lessons[path] = record;
  }
  const learner =
    a.learner && b.learner
      ? b.learner.updatedAt > a.learner.updatedAt || (b.learner.updatedAt === a.learner.updatedAt && b.learner.name > a.learner.name)
        ? b.learner
        : a.learner
      : (a.learner ?? b.learner);
  const merged: Progress = {
    version: 2,
    epoch: a.epoch,
    lessons,
    exercises: mergeAttemptRecords(a.exercises, b.exercises),
    questions: mergeAttemptRecords(a.questions, b.questions),
  };
  if (learner) merged.learner = learner;
  return merged;
}

export function mergeProgress(a: Progress, b: Progress): Progress {
  const order = compareEpochs(a.epoch, b.epoch);
  if (order < 0) return b;
  if (order > 0) return a;
  return mergeRecords(a, b);
}

/** JSON with object keys sorted: equal progress always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}
