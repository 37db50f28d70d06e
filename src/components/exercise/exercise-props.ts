/** What Exercise.astro hands the island (as JSON in the page): all of it known at build time. */
import type { Exercise } from '../../exercise-engine/exercise-types.ts';

export interface ExerciseIslandProps {
  exercise: Exercise;
  /** The hints' bodies, Markdown rendered to HTML at build time, in reveal order. */
  hintsHtml: string[];
}

export const PROPS_SELECTOR = 'script[data-exercise-props]';
