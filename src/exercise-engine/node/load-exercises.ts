/**
 * Loading exercises from the file system (Node only: `npm run check`, tests). The browser gets
 * the same `Exercise` from `exercise-registry.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Check } from '../checks/check-types.ts';
import { EXERCISE_FILES, OPTIONAL_EXERCISE_FILES, type Exercise, type ExerciseFileName } from '../exercise-types.ts';
import { ExerciseFormatError } from '../schema/exercise-format-error.ts';
import { parseExercise } from '../schema/parse-exercise.ts';
import { checksFromModule } from '../checks-module.ts';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXERCISES_ROOT = join(REPOSITORY_ROOT, 'exercises');

export interface LoadedExercise {
  exercise: Exercise;
  checks: Check[];
  /** File URL of `scenario.ts`, when the exercise has one. */
  scenarioUrl?: string;
}

/** Reads and validates one exercise folder, then imports its checks. */
export async function loadExercise(dir: string): Promise<LoadedExercise> {
  const absolute = resolve(dir);
  const display = relative(REPOSITORY_ROOT, absolute).split('\\').join('/');
  const files: Partial<Record<ExerciseFileName, string>> = {};
  for (const name of [...EXERCISE_FILES, ...OPTIONAL_EXERCISE_FILES]) {
    const path = join(absolute, name);
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  const exercise = parseExercise({ dir: display, files });
  const checksModule: unknown = await import(pathToFileURL(join(absolute, 'checks.ts')).href);
  const checks = checksFromModule(checksModule, `${display}/checks.ts`);
  const scenarioPath = join(absolute, 'scenario.ts');
  if (!existsSync(scenarioPath)) return { exercise, checks };
  const scenarioModule: unknown = await import(pathToFileURL(scenarioPath).href);
  if (typeof (scenarioModule as { default?: unknown }).default !== 'function') {
    throw new ExerciseFormatError(`${display}/scenario.ts`, 'default', 'expected a default export: the scenario function');
  }
  return { exercise, checks, scenarioUrl: pathToFileURL(scenarioPath).href };
}

/** Every `exercises/<module>/<slug>/` folder, in order. */
export function exerciseDirs(root = EXERCISES_ROOT): string[] {
  const folders = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true })
      // demos/ holds the module's demo scripts, not an exercise.
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__') && !entry.name.startsWith('.') && entry.name !== 'demos')
      .map((entry) => entry.name)
      .sort();
  return folders(root).flatMap((module) => folders(join(root, module)).map((slug) => join(root, module, slug)));
}

export function loadAllExercises(root = EXERCISES_ROOT): Promise<LoadedExercise[]> {
  return Promise.all(exerciseDirs(root).map((dir) => loadExercise(dir)));
}
