import type { GradableQuestion } from './quiz-schema';
import { topicMatches } from './topic-match';

/**
 * Grading of quiz answers: pure, shared by the quiz island (immediate feedback) and the tests.
 * This module imports no schema library so that it stays cheap in the page's bundle.
 */

export type Answer =
  /** single, multiple and predict: the indexes of the chosen choices. */
  | { choices: number[] }
  /** ordering: the items in the order the learner arranged them. */
  | { order: string[] }
  /** topic-match: the topics the learner says the filter matches. */
  | { topics: string[] }
  /** short answer. */
  | { text: string };

export interface Grade {
  correct: boolean;
  /** The right answer in words, for the feedback. */
  expected: string;
}

const sameSet = <T>(a: readonly T[], b: readonly T[]): boolean =>
  new Set(a).size === new Set(b).size && a.every((item) => b.includes(item));

/** Trimmed, inner white space collapsed, Unicode-normalised; lower-cased unless case matters. */
export function normaliseShortAnswer(text: string, caseSensitive: boolean): string {
  const normal = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return caseSensitive ? normal : normal.toLowerCase();
}

/** The topics of a topic-match question that its filter matches, by the broker's rules. */
export function matchingTopics(question: Extract<GradableQuestion, { type: 'topic-match' }>): string[] {
  return question.topics.filter((topic) => topicMatches(question.filter, topic));
}

export function gradeAnswer(question: GradableQuestion, answer: Answer): Grade {
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'predict': {
      const correctIndexes = question.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
      const chosen = 'choices' in answer ? answer.choices : [];
      return {
        correct: sameSet(chosen, correctIndexes),
        expected: correctIndexes.map((index) => question.choices[index]!.text).join('; '),
      };
    }
    case 'ordering': {
      const order = 'order' in answer ? answer.order : [];
      return {
        correct: order.length === question.items.length && order.every((item, index) => item === question.items[index]),
        expected: question.items.join(' → '),
      };
    }
    case 'topic-match': {
      const expected = matchingTopics(question);
      const chosen = 'topics' in answer ? answer.topics : [];
      return {
        correct: sameSet(chosen, expected),
        expected: expected.length > 0 ? expected.join(', ') : 'none of them',
      };
    }
    case 'short': {
      const given = 'text' in answer ? answer.text : '';
      const normal = normaliseShortAnswer(given, question.caseSensitive);
      const byList = question.accepted.some((accepted) => normaliseShortAnswer(accepted, question.caseSensitive) === normal);
      const byPattern =
        question.pattern !== undefined && new RegExp(question.pattern, question.caseSensitive ? 'u' : 'iu').test(given.trim());
      return { correct: given.trim() !== '' && (byList || byPattern), expected: question.answer };
    }
  }
}

/**
 * The order an ordering question's items are first shown in: shuffled by a generator seeded
 * with the question id, so the server-rendered page and the hydrated island agree, and never
 * already correct.
 */
export function initialOrder(questionId: string, items: readonly string[]): string[] {
  let seed = [...questionId].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const random = (): number => {
    // mulberry32: tiny and good enough for shuffling four cards.
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (order.every((item, index) => item === items[index])) order.push(order.shift()!);
  return order;
}
