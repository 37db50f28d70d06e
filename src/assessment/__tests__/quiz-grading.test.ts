import { describe, expect, it } from 'vitest';
import { gradeAnswer, initialOrder, matchingTopics } from '../quiz-grading';
import { questionSchema, type Question } from '../quiz-schema';

const base = { prompt: 'p', criteria: ['B1'], explanation: 'e', spec: [{ version: '3.1.1', section: '4.3' }] };
const q = (fields: Record<string, unknown>): Question => questionSchema.parse({ id: 'q', ...base, ...fields });

describe('grading quiz answers', () => {
  const single = q({ type: 'single', choices: [{ text: 'a' }, { text: 'b', correct: true }] });
  const multiple = q({ type: 'multiple', choices: [{ text: 'a', correct: true }, { text: 'b' }, { text: 'c', correct: true }] });

  it('single choice: only the correct choice is right', () => {
    expect(gradeAnswer(single, { choices: [1] })).toEqual({ correct: true, expected: 'b' });
    expect(gradeAnswer(single, { choices: [0] }).correct).toBe(false);
    expect(gradeAnswer(single, { choices: [] }).correct).toBe(false);
  });

  it('multiple choice: exactly the set of correct choices, in any order', () => {
    expect(gradeAnswer(multiple, { choices: [2, 0] }).correct).toBe(true);
    expect(gradeAnswer(multiple, { choices: [0] }).correct).toBe(false);
    expect(gradeAnswer(multiple, { choices: [0, 1, 2] }).correct).toBe(false);
  });

  it('ordering: the authored order is right, any other is wrong, and the first shown order is never already right', () => {
    const items = ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP'];
    const ordering = q({ type: 'ordering', items });
    expect(gradeAnswer(ordering, { order: items }).correct).toBe(true);
    expect(gradeAnswer(ordering, { order: ['PUBLISH', 'PUBREL', 'PUBREC', 'PUBCOMP'] })).toEqual({
      correct: false,
      expected: 'PUBLISH → PUBREC → PUBREL → PUBCOMP',
    });
    for (const id of ['a', 'qos2-handshake', 'x-y-z', 'another']) {
      const shown = initialOrder(id, items);
      expect(shown).not.toEqual(items);
      expect([...shown].sort()).toEqual([...items].sort());
      expect(initialOrder(id, items)).toEqual(shown);
    }
  });

  it('topic-match: graded by the broker matcher, including 3.1.1 [MQTT-4.7.2-1] for $-topics', () => {
    const match = q({ type: 'topic-match', filter: '#', topics: ['a/b', '$SYS/uptime', 'c'] });
    expect(matchingTopics(match as Extract<Question, { type: 'topic-match' }>)).toEqual(['a/b', 'c']);
    expect(gradeAnswer(match, { topics: ['c', 'a/b'] }).correct).toBe(true);
    expect(gradeAnswer(match, { topics: ['a/b', 'c', '$SYS/uptime'] }).correct).toBe(false);
    const none = q({ type: 'topic-match', filter: 'x/+', topics: ['x', 'y/z'] });
    expect(gradeAnswer(none, { topics: [] })).toEqual({ correct: true, expected: 'none of them' });
  });

  it('short answer: normalised against accepted answers, or matched by the pattern', () => {
    const short = q({ type: 'short', accepted: ['Clean Start'], pattern: '^0x0?4$', answer: 'Clean Start' });
    expect(gradeAnswer(short, { text: '  clean   START ' }).correct).toBe(true);
    expect(gradeAnswer(short, { text: '0x04' }).correct).toBe(true);
    expect(gradeAnswer(short, { text: 'clean session' }).correct).toBe(false);
    expect(gradeAnswer(short, { text: '' }).correct).toBe(false);
    const cased = q({ type: 'short', accepted: ['PINGREQ'], caseSensitive: true, answer: 'PINGREQ' });
    expect(gradeAnswer(cased, { text: 'pingreq' }).correct).toBe(false);
  });

  it('predict: graded like a single choice', () => {
    const predict = q({
      type: 'predict',
      choices: [{ text: 'yes', correct: true }, { text: 'no' }],
      scenario: '01-fundamentals/retained-late-subscriber',
      observe: 'look',
    });
    expect(gradeAnswer(predict, { choices: [0] }).correct).toBe(true);
    expect(gradeAnswer(predict, { choices: [1] }).correct).toBe(false);
  });
});

describe('quiz schema', () => {
  it.each([
    ['a single choice with two correct choices', { type: 'single', choices: [{ text: 'a', correct: true }, { text: 'b', correct: true }] }, /exactly one choice/],
    ['a topic-match with an invalid filter', { type: 'topic-match', filter: 'a/#/b', topics: ['a', 'b'] }, /not a valid topic filter/],
    ['a topic-match with a wildcard in a topic', { type: 'topic-match', filter: 'a/#', topics: ['a/+', 'b'] }, /not a valid topic name/],
    ['a short answer with no way to accept', { type: 'short', answer: 'x' }, /accepted answers or a pattern/],
    ['a question without criteria', { type: 'ordering', items: ['a', 'b'], criteria: [] }, /criteria/],
    ['a spec reference without version', { type: 'ordering', items: ['a', 'b'], spec: [{ section: '4.3' }] }, /version/],
  ])('refuses %s', (_name, fields, message) => {
    const result = questionSchema.safeParse({ id: 'q', ...base, ...fields });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});
