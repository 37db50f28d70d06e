/// <reference types="vite/client" />
/**
 * The exercises as the site sees them, bundled by Vite: texts eagerly (the build renders them
 * into the pages), checks lazily (exercise-checks.ts: one chunk per exercise, loaded to grade).
 * Node code uses node/load-exercises.ts instead.
 */
import { hasChecksModule, hasScenarioModule } from './exercise-checks.ts';
import type { Exercise, ExerciseFileName } from './exercise-types.ts';
import { parseExercise } from './schema/parse-exercise.ts';

// Node tests and the runner's test page reach the check loader through the registry too.
export { loadChecks, scenarioRef } from './exercise-checks.ts';

type Texts = Record<string, string>;
const raw = {
  'exercise.yaml': import.meta.glob('/exercises/*/*/exercise.yaml', { query: '?raw', import: 'default', eager: true }) as Texts,
  'prompt.md': import.meta.glob('/exercises/*/*/prompt.md', { query: '?raw', import: 'default', eager: true }) as Texts,
  'starter.ts': import.meta.glob('/exercises/*/*/starter.ts', { query: '?raw', import: 'default', eager: true }) as Texts,
  'solution.ts': import.meta.glob('/exercises/*/*/solution.ts', { query: '?raw', import: 'default', eager: true }) as Texts,
  'hints.md': import.meta.glob('/exercises/*/*/hints.md', { query: '?raw', import: 'default', eager: true }) as Texts,
};

const folderOf = (id: string): string => `/exercises/${id}`;
const idOf = (path: string): string => path.split('/').slice(2, 4).join('/');

/** Every exercise id (`<module>/<slug>`), sorted. */
export function exerciseIds(): string[] {
  return Object.keys(raw['exercise.yaml']).map(idOf).sort();
}

const parsed = new Map<string, Exercise>();

/** The exercise with this id; throws an `ExerciseFormatError` naming the file and field if it is invalid. */
export function getExercise(id: string): Exercise {
  const cached = parsed.get(id);
  if (cached) return cached;
  const folder = folderOf(id);
  if (raw['exercise.yaml'][`${folder}/exercise.yaml`] === undefined) throw new Error(`No exercise "${id}" (expected exercises/${id}/exercise.yaml)`);
  const files: Partial<Record<ExerciseFileName, string>> = {};
  for (const name of Object.keys(raw) as (keyof typeof raw)[]) {
    const text = raw[name][`${folder}/${name}`];
    if (text !== undefined) files[name] = text;
  }
  // The checks' and scenario's sources are not needed as text: presence is what is validated.
  if (hasChecksModule(id)) files['checks.ts'] = '';
  if (hasScenarioModule(id)) files['scenario.ts'] = '';
  const exercise = parseExercise({ dir: `exercises/${id}`, files });
  parsed.set(id, exercise);
  return exercise;
}
