import { migrateV1, versionOf } from './migrations';
import {
  PROGRESS_VERSION,
  describeIssues,
  emptyProgress,
  epochSchema,
  exerciseRecordSchema,
  learnerSchema,
  lessonRecordSchema,
  progressV1Schema,
  progressV2Schema,
  questionRecordSchema,
  INITIAL_EPOCH,
  type Progress,
  type ProgressV1,
} from './progress-schema';

/**
 * Turning stored text into progress: valid values (any readable version) are migrated to the
 * current one; anything else is salvaged record by record, keeping every record that is still
 * valid and listing what was dropped, so one bad entry never costs the learner the rest.
 */

export type ReadResult =
  | { status: 'empty'; progress: Progress }
  | { status: 'ok'; progress: Progress; migratedFrom?: number }
  | { status: 'salvaged'; progress: Progress; problems: string[] };

const RECORD_SECTIONS = [
  ['lessons', lessonRecordSchema],
  ['exercises', exerciseRecordSchema],
  ['questions', questionRecordSchema],
] as const;

function salvage(value: unknown, problems: string[]): Progress {
  const source = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const epoch = epochSchema.safeParse(source['epoch']);
  const progress = emptyProgress(epoch.success ? epoch.data : INITIAL_EPOCH);
  if (!epoch.success && source['epoch'] !== undefined) problems.push('epoch: unreadable, replaced by the initial one');
  const learner = learnerSchema.safeParse(source['learner']);
  if (learner.success) progress.learner = learner.data;
  else if (source['learner'] !== undefined) problems.push(...describeIssues(learner.error, 'learner'));

  for (const [section, schema] of RECORD_SECTIONS) {
    const records = source[section];
    if (records === undefined) continue;
    if (typeof records !== 'object' || records === null || Array.isArray(records)) {
      problems.push(`${section}: not a set of records, dropped`);
      continue;
    }
    for (const [key, record] of Object.entries(records)) {
      const parsed = schema.safeParse(record);
      if (parsed.success) (progress[section] as Record<string, unknown>)[key] = parsed.data;
      else problems.push(...describeIssues(parsed.error, `${section}[${JSON.stringify(key)}]`).map((problem) => `${problem} (record dropped)`));
    }
  }
  return progress;
}

/** A damaged version-1 store: its lessons, exercise and quiz booleans that are still readable. */
function salvageV1(source: Record<string, unknown>, problems: string[]): ProgressV1 {
  const v1: ProgressV1 = { version: 1, lessons: [], exercises: {}, quizzes: {} };
  const lessons = source['lessons'];
  if (Array.isArray(lessons)) {
    lessons.forEach((path, index) => {
      if (typeof path === 'string') v1.lessons.push(path);
      else problems.push(`lessons[${index}]: not a lesson path (record dropped)`);
    });
  } else if (lessons !== undefined) problems.push('lessons: not a list, dropped');
  for (const section of ['exercises', 'quizzes'] as const) {
    const records = source[section];
    if (typeof records !== 'object' || records === null || Array.isArray(records)) {
      if (records !== undefined) problems.push(`${section}: not a set of records, dropped`);
      continue;
    }
    for (const [key, passed] of Object.entries(records)) {
      if (typeof passed === 'boolean') v1[section][key] = passed;
      else problems.push(`${section}[${JSON.stringify(key)}]: expected true or false (record dropped)`);
    }
  }
  return v1;
}

/** Validates a parsed value of any readable version and brings it to the current one. */
export function upgrade(value: unknown, now: Date): { progress: Progress; migratedFrom?: number } | { problems: string[] } {
  const version = versionOf(value);
  if (version === PROGRESS_VERSION) {
    const parsed = progressV2Schema.safeParse(value);
    return parsed.success ? { progress: parsed.data } : { problems: describeIssues(parsed.error) };
  }
  if (version === 1) {
    const parsed = progressV1Schema.safeParse(value);
    return parsed.success ? { progress: migrateV1(parsed.data, now), migratedFrom: 1 } : { problems: describeIssues(parsed.error) };
  }
  if (version !== undefined && version > PROGRESS_VERSION) {
    return { problems: [`version: ${version} was written by a newer MQTT Lab; this one reads versions 1 to ${PROGRESS_VERSION}`] };
  }
  return { problems: [`version: expected 1 or ${PROGRESS_VERSION}, found ${JSON.stringify(version ?? null)}`] };
}

export function readProgress(text: string | null, now: Date): ReadResult {
  if (text === null) return { status: 'empty', progress: emptyProgress() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      status: 'salvaged',
      progress: emptyProgress(),
      problems: [`not JSON (${error instanceof Error ? error.message : String(error)}); nothing could be kept`],
    };
  }
  const upgraded = upgrade(value, now);
  if ('progress' in upgraded) {
    return upgraded.migratedFrom ? { status: 'ok', progress: upgraded.progress, migratedFrom: upgraded.migratedFrom } : { status: 'ok', progress: upgraded.progress };
  }
  const problems = [...upgraded.problems];
  // A newer version's records may mean something else: keep them only in the backup.
  const version = versionOf(value);
  if (version !== undefined && version > PROGRESS_VERSION) return { status: 'salvaged', progress: emptyProgress(), problems };
  const salvageProblems: string[] = [];
  const progress =
    version === 1 ? migrateV1(salvageV1(value as Record<string, unknown>, salvageProblems), now) : salvage(value, salvageProblems);
  return { status: 'salvaged', progress, problems: salvageProblems.length > 0 ? salvageProblems : problems };
}
