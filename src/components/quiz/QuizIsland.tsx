import { useEffect, useState } from 'preact/hooks';
import type { Grade } from '../../assessment/quiz-grading';
import { QuestionCard } from './QuestionCard';
import type { IslandQuestion } from './quiz-types';

/**
 * The quiz island: questions with immediate feedback, each answer recorded in the learner's
 * progress. The progress store is imported on the first answer, not before, to keep the lesson
 * page's JavaScript small until the learner interacts.
 */
export function QuizIsland({ questions, label }: { questions: IslandQuestion[]; label: string }) {
  const [grades, setGrades] = useState<Record<string, boolean>>({});
  // Marks the quiz as interactive (the server-rendered HTML is the same questions, inert).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const answered = Object.keys(grades).length;
  const right = Object.values(grades).filter(Boolean).length;

  const onGraded = (key: string, grade: Grade) => {
    setGrades((previous) => ({ ...previous, [key]: grade.correct }));
    void import('../../progress/browser-progress').then(({ recordQuestionAnswer }) => recordQuestionAnswer(key, grade.correct));
  };

  return (
    <div class="quiz" data-hydrated={hydrated ? 'true' : 'false'}>
      <ol class="quiz-questions" aria-label={label}>
        {questions.map((question, index) => (
          <QuestionCard key={question.key} question={question} number={index + 1} onGraded={onGraded} />
        ))}
      </ol>
      <p class="quiz-score" aria-live="polite">
        {answered === 0
          ? `${questions.length} questions. Your answers are saved in this browser and count towards your level.`
          : `You have answered ${answered} of ${questions.length} questions; ${right} right.`}
      </p>
    </div>
  );
}
