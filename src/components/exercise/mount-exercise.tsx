/** Replaces an exercise's static workspace and hints with the interactive island. */
import { render } from 'preact';
import type { ExerciseIslandProps } from './exercise-props.ts';
import { PROPS_SELECTOR } from './exercise-props.ts';
import { ExerciseIsland } from './ExerciseIsland.tsx';

export function mountExercise(section: HTMLElement, focusOnReady: boolean): void {
  const propsScript = section.querySelector(PROPS_SELECTOR);
  const workspace = section.querySelector<HTMLElement>('[data-exercise-workspace]');
  if (!propsScript?.textContent || !workspace) throw new Error('An exercise section is missing its props or workspace');
  const props = JSON.parse(propsScript.textContent) as ExerciseIslandProps;
  section.querySelector('[data-exercise-static-hints]')?.remove();
  const root = document.createElement('div');
  root.className = 'exercise__root';
  workspace.replaceWith(root);
  render(<ExerciseIsland {...props} focusOnReady={focusOnReady} />, root);
}
