import type { Grade } from '../../assessment/quiz-grading';
import { InlineCode } from './InlineCode';
import type { SpecLink } from './quiz-types';

/** Right or wrong, the right answer when it was wrong, the explanation and the specification behind it. */
export function Feedback({ grade, explanation, spec }: { grade: Grade; explanation: string; spec: SpecLink[] }) {
  return (
    <div class={`quiz-feedback ${grade.correct ? 'quiz-feedback--right' : 'quiz-feedback--wrong'}`}>
      <p class="quiz-feedback__verdict">
        <strong>{grade.correct ? '✓ Right.' : '✗ Not quite.'}</strong>
        {!grade.correct && (
          <>
            {' '}
            The answer: <InlineCode text={grade.expected} />
          </>
        )}
      </p>
      <p>
        <InlineCode text={explanation} />
      </p>
      <p class="quiz-feedback__spec">
        Specification:{' '}
        {spec.map((ref, index) => (
          <>
            {index > 0 && '; '}
            <a href={ref.href} rel="external">
              {ref.label}
            </a>
            {ref.title && ` (${ref.title})`}
          </>
        ))}
      </p>
    </div>
  );
}
