import { z } from 'astro/zod';
import { specRefSchema } from '../content-schema/spec-ref';
import { CRITERION_IDS } from './criteria';
import { isValidTopicFilter, isValidTopicName } from './topic-match';

/**
 * The data file of a quiz, `content/quizzes/<id>.yaml`. Each question names the criteria it
 * assesses, explains its answer and cites the specification with its version, so every quiz
 * answer is graded work that counts towards a level and teaches something when it is wrong.
 */

const text = z.string().trim().min(1);

const common = {
  /** Unique within the quiz; with the quiz id it keys the learner's answers: "01-fundamentals/decoupling". */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a question id is a slug like "qos-handshake"'),
  /** The question; `backticks` mark code. */
  prompt: text,
  criteria: z.array(z.enum(CRITERION_IDS)).min(1),
  /** Shown after every answer, right or wrong. */
  explanation: text,
  spec: z.array(specRefSchema).min(1),
};

const choice = z.object({ text, correct: z.boolean().default(false) }).strict();

const singleChoice = z
  .object({ ...common, type: z.literal('single'), choices: z.array(choice).min(2) })
  .strict()
  .refine((q) => q.choices.filter((c) => c.correct).length === 1, {
    message: 'a single-choice question has exactly one choice with correct: true',
    path: ['choices'],
  });

const multipleChoice = z
  .object({ ...common, type: z.literal('multiple'), choices: z.array(choice).min(2) })
  .strict()
  .refine((q) => q.choices.some((c) => c.correct), {
    message: 'a multiple-choice question has at least one choice with correct: true',
    path: ['choices'],
  });

/** `items` are written in the correct order; the learner sees them shuffled. */
const ordering = z.object({ ...common, type: z.literal('ordering'), items: z.array(text).min(2) }).strict();

/** No answer key: the broker's matcher decides which topics the filter matches. */
const topicMatch = z
  .object({
    ...common,
    type: z.literal('topic-match'),
    filter: z.string().refine(isValidTopicFilter, 'not a valid topic filter (3.1.1 §4.7.1)'),
    topics: z.array(z.string().refine(isValidTopicName, 'not a valid topic name (3.1.1 §4.7.3)')).min(2),
  })
  .strict();

const shortAnswer = z
  .object({
    ...common,
    type: z.literal('short'),
    /** Compared after trimming, collapsing white space and (unless caseSensitive) lower-casing. */
    accepted: z.array(text).default([]),
    /** A regular expression (JavaScript syntax, anchored by the author) also accepted. */
    pattern: z
      .string()
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional(),
    caseSensitive: z.boolean().default(false),
    /** The answer shown after a wrong attempt. */
    answer: text,
  })
  .strict()
  .refine((q) => q.accepted.length > 0 || q.pattern !== undefined, {
    message: 'a short-answer question needs accepted answers or a pattern',
    path: ['accepted'],
  });

/** Predict, then observe: the learner chooses, then the named demo scenario runs on the in-page broker. */
const predict = z
  .object({
    ...common,
    type: z.literal('predict'),
    choices: z.array(choice).min(2),
    /** A demo id of the demos runtime (src/demos/): exercises/<module>/demos/<slug>.ts. */
    scenario: z.string().regex(/^[0-9a-z][0-9a-z-]*\/[0-9a-z][0-9a-z-]*$/, 'a demo id looks like "01-fundamentals/retained-late-subscriber"'),
    /** What to look for in the packet view once it has run. */
    observe: text,
  })
  .strict()
  .refine((q) => q.choices.filter((c) => c.correct).length === 1, {
    message: 'a predict question has exactly one choice with correct: true',
    path: ['choices'],
  });

export const questionSchema = z.union([singleChoice, multipleChoice, ordering, topicMatch, shortAnswer, predict]);

export const quizSchema = z
  .object({
    title: text,
    /** The module folder the quiz belongs to, e.g. "01-fundamentals"; omitted for cross-module quizzes. */
    module: z.string().regex(/^\d\d-[a-z0-9-]+$/, 'a module folder name like "01-fundamentals"').optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict()
  .superRefine((quiz, context) => {
    const seen = new Set<string>();
    quiz.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate question id "${question.id}"` });
      }
      seen.add(question.id);
    });
  });

export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

/** Omit over each member of a union (plain Omit would merge the question types into one). */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What grading looks at: everything but the references, which the island receives pre-formatted. */
export type GradableQuestion = OmitEach<Question, 'spec'>;

/** A question as the quiz island receives it: with the quiz it belongs to, so answers are keyed globally. */
export type QuizQuestion = Question & { quizId: string };

/** "01-fundamentals/decoupling": how a question's answers are keyed in the learner's progress. */
export function questionKey(quizId: string, questionId: string): string {
  return `${quizId}/${questionId}`;
}
