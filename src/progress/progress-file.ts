import { upgrade } from './read-progress';
import type { Progress } from './progress-schema';

/**
 * The exported progress file and its validation on import. An import is all or nothing: a file
 * with any invalid record is refused with every problem named, so a learner never half-imports.
 */

export const PROGRESS_FILE_FORMAT = 'mqtt-lab-progress';

export interface ProgressFile {
  format: typeof PROGRESS_FILE_FORMAT;
  exportedAt: string;
  progress: Progress;
}

export function progressFile(progress: Progress, now: Date): ProgressFile {
  return { format: PROGRESS_FILE_FORMAT, exportedAt: now.toISOString(), progress };
}

export type ParsedProgressFile = { ok: true; progress: Progress } | { ok: false; error: string };

const MAX_PROBLEMS_SHOWN = 5;

export function parseProgressFile(text: string, now: Date): ParsedProgressFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This file is not JSON: ${error instanceof Error ? error.message : String(error)}.` };
  }
  const file = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (file['format'] !== PROGRESS_FILE_FORMAT) {
    return { ok: false, error: `This is not an MQTT Lab progress file: expected "format": "${PROGRESS_FILE_FORMAT}" at the top.` };
  }
  if (file['progress'] === undefined) return { ok: false, error: 'This progress file has no "progress" in it.' };
  const upgraded = upgrade(file['progress'], now);
  if ('progress' in upgraded) return { ok: true, progress: upgraded.progress };
  const shown = upgraded.problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `progress.${problem}`);
  const more = upgraded.problems.length - shown.length;
  return {
    ok: false,
    error: `This progress file is damaged, nothing was imported: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`,
  };
}
