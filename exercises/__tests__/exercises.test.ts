/**
 * The authoring check (`npm run check`): every exercise loads and validates, its reference
 * solution passes every check against the real sandbox broker, and its starter fails at least one.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/exercise-engine/grader.ts';
import { exerciseDirs, loadExercise } from '../../src/exercise-engine/node/load-exercises.ts';
import { runExercise } from '../../src/exercise-engine/runner/run-in-node.ts';
import type { CheckResult } from '../../src/exercise-engine/checks/check-types.ts';

const describeFailures = (results: CheckResult[]): string =>
  results.filter((result) => !result.pass).map((result) => `✗ ${result.title}\n    expected: ${result.expected}\n    seen: ${result.seen}`).join('\n');

const dirs = exerciseDirs();

describe('exercises', () => {
  it('there are exercises to check', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });

  for (const dir of dirs) {
    const id = dir.split(/[\\/]/).slice(-2).join('/');
    describe(id, () => {
      it(`${id}: the reference solution passes every check`, { timeout: 20_000 }, async () => {
        const loaded = await loadExercise(dir);
        const record = await runExercise(loaded, loaded.exercise.solution);
        expect(record.outcome, JSON.stringify(record.outcome)).toMatchObject({ status: 'completed' });
        const results = grade(loaded.checks, record);
        expect(describeFailures(results)).toBe('');
      });

      it(`${id}: the starter fails at least one check`, { timeout: 20_000 }, async () => {
        const loaded = await loadExercise(dir);
        const record = await runExercise(loaded, loaded.exercise.starter);
        const results = grade(loaded.checks, record);
        expect(results.some((result) => !result.pass)).toBe(true);
      });
    });
  }
});
