import { questionKey, type QuizQuestion } from '../../assessment/quiz-schema';
import { formatSpecRef, specUrl } from '../../content-schema/spec-ref-format';
import type { IslandQuestion } from './quiz-types';

/** Server side: a question from the quizzes collection, ready to hand to the island. */
export function toIslandQuestion(question: QuizQuestion): IslandQuestion {
  return {
    ...question,
    key: questionKey(question.quizId, question.id),
    spec: question.spec.map((ref) => ({
      label: formatSpecRef(ref),
      href: specUrl(ref),
      ...(ref.title === undefined ? {} : { title: ref.title }),
    })),
  };
}
