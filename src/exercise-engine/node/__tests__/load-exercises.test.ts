import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXERCISES_ROOT, exerciseDirs, loadExercise, REPOSITORY_ROOT } from '../load-exercises.ts';

const temporary: string[] = [];
afterEach(() => temporary.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of a real exercise inside the repository (so checks.ts's relative imports resolve). */
function copyOf(slug: string): string {
  const root = mkdtempSync(join(REPOSITORY_ROOT, 'exercises', '.tmp-'));
  temporary.push(root);
  const dir = join(root, '01-fundamentals', slug);
  cpSync(join(EXERCISES_ROOT, '01-fundamentals', slug), dir, { recursive: true });
  return dir;
}

describe('loadExercise', () => {
  it('loads a real exercise with its checks and scenario', async () => {
    const loaded = await loadExercise(join(EXERCISES_ROOT, '01-fundamentals', 'qos-at-a-glance'));
    expect(loaded.exercise.id).toBe('01-fundamentals/qos-at-a-glance');
    expect(loaded.checks.length).toBeGreaterThan(0);
    expect(loaded.scenarioUrl).toMatch(/^file:.*scenario\.ts$/);
  });

  it('names checks.ts and the field when it exports no checks', async () => {
    const dir = copyOf('first-connection');
    writeFileSync(join(dir, 'checks.ts'), 'export const checks = [];\n');
    await expect(loadExercise(dir)).rejects.toThrow(/first-connection\/checks\.ts: checks: expected `export const checks = \[ … \]`/);
  });

  it('lists exercise folders, skipping __tests__', () => {
    const dirs = exerciseDirs();
    expect(dirs.some((dir) => dir.endsWith(join('01-fundamentals', 'first-connection')))).toBe(true);
    expect(dirs.some((dir) => dir.includes('__tests__'))).toBe(false);
  });
});
