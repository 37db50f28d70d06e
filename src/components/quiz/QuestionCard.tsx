import { useEffect, useRef, useState } from 'preact/hooks';
import { gradeAnswer, initialOrder, type Answer, type Grade } from '../../assessment/quiz-grading';
import { Feedback } from './Feedback';
import { InlineCode } from './InlineCode';
import { OrderingInput } from './OrderingInput';
import { PredictObservation } from './PredictObservation';
import type { IslandQuestion } from './quiz-types';

const INSTRUCTIONS: Record<IslandQuestion['type'], string> = {
  single: 'Choose one answer.',
  multiple: 'Choose every answer that applies.',
  ordering: 'Put the items in order with the move buttons.',
  'topic-match': 'Tick every topic the filter matches (possibly none).',
  short: 'Type your answer.',
  predict: 'Predict what will happen, then watch it happen on the in-page broker.',
};

function initialAnswer(question: IslandQuestion): Answer {
  switch (question.type) {
    case 'ordering':
      return { order: initialOrder(question.id, question.items) };
    case 'topic-match':
      return { topics: [] };
    case 'short':
      return { text: '' };
    default:
      return { choices: [] };
  }
}

const toggle = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((other) => other !== item));

export function QuestionCard({ question, number, onGraded }: { question: IslandQuestion; number: number; onGraded: (key: string, grade: Grade) => void }) {
  const [answer, setAnswer] = useState<Answer>(() => initialAnswer(question));
  const [grade, setGrade] = useState<Grade | undefined>(undefined);
  const id = `quiz-${question.key.replace(/[^a-z0-9-]/gi, '-')}`;
  const answered = grade !== undefined;
  const feedback = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusAfterRender = useRef<'feedback' | 'form' | undefined>(undefined);

  // The Check button disappears once answered: focus moves to the feedback, and back to the question on Try again.
  useEffect(() => {
    if (focusAfterRender.current === 'feedback') feedback.current?.focus();
    if (focusAfterRender.current === 'form') form.current?.querySelector<HTMLElement>('input, button')?.focus();
    focusAfterRender.current = undefined;
  }, [grade]);

  const check = (event: Event) => {
    event.preventDefault();
    const result = gradeAnswer(question, answer);
    focusAfterRender.current = 'feedback';
    setGrade(result);
    onGraded(question.key, result);
  };

  const choiceList = (kind: 'radio' | 'checkbox') => {
    const chosen = 'choices' in answer ? answer.choices : [];
    if (!('choices' in question)) return null;
    return (
      <ul class="quiz-options">
        {question.choices.map((choice, index) => (
          <li key={index}>
            <input
              type={kind}
              id={`${id}-${index}`}
              name={id}
              checked={chosen.includes(index)}
              disabled={answered}
              onChange={(event) =>
                setAnswer({ choices: kind === 'radio' ? [index] : toggle(chosen, index, (event.target as HTMLInputElement).checked) })
              }
            />
            <label for={`${id}-${index}`}>
              <InlineCode text={choice.text} />
            </label>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <li class="quiz-question" id={id}>
      <form ref={form} onSubmit={check} aria-labelledby={`${id}-prompt`}>
        <fieldset disabled={answered}>
          <legend id={`${id}-prompt`}>
            <span class="quiz-question__number">Question {number}.</span> <InlineCode text={question.prompt} />
          </legend>
          <p class="quiz-question__how">{INSTRUCTIONS[question.type]}</p>
          {(question.type === 'single' || question.type === 'predict') && choiceList('radio')}
          {question.type === 'multiple' && choiceList('checkbox')}
          {question.type === 'ordering' && 'order' in answer && (
            <OrderingInput order={answer.order} disabled={answered} onChange={(order) => setAnswer({ order })} />
          )}
          {question.type === 'topic-match' && 'topics' in answer && (
            <>
              <p>
                Filter: <code class="quiz-filter">{question.filter}</code>
              </p>
              <ul class="quiz-options">
                {question.topics.map((topic, index) => (
                  <li key={topic}>
                    <input
                      type="checkbox"
                      id={`${id}-${index}`}
                      checked={answer.topics.includes(topic)}
                      onChange={(event) => setAnswer({ topics: toggle(answer.topics, topic, (event.target as HTMLInputElement).checked) })}
                    />
                    <label for={`${id}-${index}`}>
                      <code>{topic}</code>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
          {question.type === 'short' && 'text' in answer && (
            <p>
              <label for={`${id}-text`}>Your answer</label>{' '}
              <input
                type="text"
                id={`${id}-text`}
                autocomplete="off"
                spellcheck={false}
                value={answer.text}
                onInput={(event) => setAnswer({ text: (event.target as HTMLInputElement).value })}
              />
            </p>
          )}
        </fieldset>
        {!answered && (
          <button type="submit" class="quiz-button">
            {question.type === 'predict' ? 'Lock in my prediction' : 'Check my answer'}
          </button>
        )}
      </form>
      <div aria-live="polite" ref={feedback} tabIndex={-1} class="quiz-question__result">
        {grade && <Feedback grade={grade} explanation={question.explanation} spec={question.spec} />}
        {grade && question.type === 'predict' && <PredictObservation demoId={question.scenario} observe={question.observe} />}
        {grade && (
          <button
            type="button"
            class="quiz-button quiz-button--secondary"
            onClick={() => {
              focusAfterRender.current = 'form';
              setGrade(undefined);
              setAnswer(initialAnswer(question));
            }}
          >
            Try again
          </button>
        )}
      </div>
    </li>
  );
}
