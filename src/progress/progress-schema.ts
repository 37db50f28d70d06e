import * as z from 'zod/mini';

/**
 * The learner's progress as stored in the browser. Versioned: `version` says which schema a
 * stored value follows, and migrations.ts upgrades older ones. zod/mini keeps the validator small
 * in the page bundles that write progress.
 */

export const PROGRESS_VERSION = 2;

const isoDate = z.iso.datetime();

export const checkVerdictSchema = z.object({
  id: z.string(),
  title: z.optional(z.string()),
  pass: z.boolean(),
});

export const exerciseAttemptSchema = z.object({
  /** Unique per attempt, so that merging two tabs' copies never counts an attempt twice. */
  id: z.string().check(z.minLength(1)),
  date: isoDate,
  passed: z.boolean(),
  checks: z.array(checkVerdictSchema),
  /** Carried over from a version-1 store, which kept only whether the exercise was passed. */
  migrated: z.optional(z.literal(true)),
});

export const questionAttemptSchema = z.object({
  id: z.string().check(z.minLength(1)),
  date: isoDate,
  passed: z.boolean(),
  migrated: z.optional(z.literal(true)),
});

export const exerciseRecordSchema = z.object({ attempts: z.array(exerciseAttemptSchema) });
export const questionRecordSchema = z.object({ attempts: z.array(questionAttemptSchema) });
export const lessonRecordSchema = z.object({ readAt: isoDate });
export const learnerSchema = z.object({ name: z.string(), updatedAt: isoDate });
/** When this progress was started or last reset: a reset in one tab must win over older records in another. */
export const epochSchema = z.object({ id: z.string().check(z.minLength(1)), at: isoDate });

export const progressV2Schema = z.object({
  version: z.literal(2),
  epoch: epochSchema,
  learner: z.optional(learnerSchema),
  /** Keyed by the lesson's path, e.g. "/modules/01-fundamentals/quiz/". */
  lessons: z.record(z.string(), lessonRecordSchema),
  /** Keyed by exercise id, e.g. "01-fundamentals/first-connection". */
  exercises: z.record(z.string(), exerciseRecordSchema),
  /** Keyed by "<quiz id>/<question id>". */
  questions: z.record(z.string(), questionRecordSchema),
});

/** Version 1 kept only which lessons were read and whether each exercise and question was passed. */
export const progressV1Schema = z.object({
  version: z.literal(1),
  lessons: z.array(z.string()),
  exercises: z.record(z.string(), z.boolean()),
  quizzes: z.record(z.string(), z.boolean()),
});

export type Progress = z.infer<typeof progressV2Schema>;
export type ProgressV1 = z.infer<typeof progressV1Schema>;
export type ExerciseAttempt = z.infer<typeof exerciseAttemptSchema>;
export type QuestionAttempt = z.infer<typeof questionAttemptSchema>;
export type CheckVerdict = z.infer<typeof checkVerdictSchema>;
export type Epoch = z.infer<typeof epochSchema>;

/**
 * The epoch of progress that was never reset. Every fresh or recovered store starts in it, so two
 * tabs writing their first records at once merge them; only a reset starts a new epoch.
 */
export const INITIAL_EPOCH: Epoch = { id: 'initial', at: '1970-01-01T00:00:00.000Z' };

export function emptyProgress(epoch: Epoch = INITIAL_EPOCH): Progress {
  return { version: 2, epoch, lessons: {}, exercises: {}, questions: {} };
}

/** "exercises["01-fundamentals/x"].attempts[0].passed: Invalid input: expected boolean, received string" */
export function describeIssues(error: z.core.$ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(String(part)) ? `${index === 0 && !prefix ? '' : '.'}${String(part)}` : `[${JSON.stringify(String(part))}]`,
      )
      .join('');
    const where = `${prefix}${path}`;
    return where ? `${where}: ${describeIssue(issue)}` : describeIssue(issue);
  });
}

/** zod/mini carries no message texts (they would cost the bundle a locale), so the few that occur are worded here. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'expected an ISO date and time such as 2025-03-01T10:00:00.000Z' : `expected ${issue.format}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      return 'must not be empty';
    default:
      return issue.message;
  }
}
