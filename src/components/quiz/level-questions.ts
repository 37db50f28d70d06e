import { getCollection } from 'astro:content';
import { CRITERIA, type Level } from '../../assessment/criteria';
import type { QuizQuestion } from '../../assessment/quiz-schema';

/** Every quiz question that assesses at least one criterion of the level, quiz by quiz in id order. */
export async function questionsForLevel(level: Level): Promise<QuizQuestion[]> {
  const criteria = new Set(CRITERIA.filter((criterion) => criterion.level === level).map((criterion) => criterion.id));
  const quizzes = (await getCollection('quizzes')).sort((a, b) => a.id.localeCompare(b.id));
  return quizzes.flatMap((quiz) =>
    quiz.data.questions
      .filter((question) => question.criteria.some((id) => criteria.has(id)))
      .map((question) => ({ ...question, quizId: quiz.id })),
  );
}
