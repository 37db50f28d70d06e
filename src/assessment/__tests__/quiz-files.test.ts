import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../quiz-schema';

/** Every quiz data file is valid, and every predict question's demo exists. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const quizDir = `${root}content/quizzes`;
const files = readdirSync(quizDir).filter((name) => name.endsWith('.yaml'));

describe('quiz data files', () => {
  it.each(files)('content/quizzes/%s follows the quiz schema', (name) => {
    const result = quizSchema.safeParse(parse(readFileSync(`${quizDir}/${name}`, 'utf8')));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(files)('content/quizzes/%s: each predict question names a demo that exists', (name) => {
    const quiz = quizSchema.parse(parse(readFileSync(`${quizDir}/${name}`, 'utf8')));
    for (const question of quiz.questions) {
      if (question.type !== 'predict') continue;
      const [module, slug] = question.scenario.split('/');
      expect(existsSync(`${root}exercises/${module}/demos/${slug}.ts`), `${name} ${question.id}: no demo ${question.scenario}`).toBe(true);
    }
  });

  it('the module 1 quiz has at least 8 questions covering B1 to B4, with a predict-then-observe one', () => {
    const quiz = quizSchema.parse(parse(readFileSync(`${quizDir}/01-fundamentals.yaml`, 'utf8')));
    expect(quiz.questions.length).toBeGreaterThanOrEqual(8);
    expect(new Set(quiz.questions.flatMap((question) => question.criteria))).toEqual(new Set(['B1', 'B2', 'B3', 'B4']));
    expect(quiz.questions.some((question) => question.type === 'predict')).toBe(true);
  });
});
