/**
 * The only script an exercise adds to a lesson before the learner acts (well under 1 KB): the
 * island, the editor and the sandbox load when the learner presses "Open the editor". Pointing
 * at or focusing the button starts fetching the island a little earlier.
 */
import { savedCodeKey } from './saved-code.ts';

const loadIsland = () => import('./mount-exercise.tsx');

function hasSavedCode(exerciseId: string): boolean {
  try {
    return localStorage.getItem(savedCodeKey(exerciseId)) !== null;
  } catch {
    return false;
  }
}

for (const section of document.querySelectorAll<HTMLElement>('[data-exercise]')) {
  const button = section.querySelector<HTMLButtonElement>('[data-exercise-load]');
  if (!button) continue;
  const savedNote = section.querySelector<HTMLElement>('[data-exercise-saved-note]');
  if (savedNote && hasSavedCode(section.dataset['exercise'] ?? '')) savedNote.hidden = false;
  const prefetch = (): void => void loadIsland();
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = 'Loading the editor…';
    void loadIsland().then(({ mountExercise }) => mountExercise(section, true));
  }, { once: true });
}
