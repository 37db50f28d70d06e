/** An exercise as the engine holds it, the same in Node and in the browser. */
import type { ExerciseMeta } from './schema/exercise-meta.ts';
import type { Hint } from './schema/hints.ts';

/** The files of an exercise folder, as text. */
export const EXERCISE_FILES = ['exercise.yaml', 'prompt.md', 'starter.ts', 'solution.ts', 'checks.ts', 'hints.md'] as const;
export const OPTIONAL_EXERCISE_FILES = ['scenario.ts'] as const;

export type ExerciseFileName = (typeof EXERCISE_FILES)[number] | (typeof OPTIONAL_EXERCISE_FILES)[number];

export interface Exercise {
  /** `<module>/<slug>`, e.g. `01-fundamentals/first-connection`. */
  id: string;
  /** The folder, relative to the repository root, e.g. `exercises/01-fundamentals/first-connection`. */
  dir: string;
  meta: ExerciseMeta;
  prompt: string;
  starter: string;
  solution: string;
  hints: Hint[];
  hasScenario: boolean;
}
