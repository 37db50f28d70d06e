/// <reference types="vite/client" />
/**
 * The exercises' checks and scenarios as the page loads them to grade a run: lazy modules, one
 * chunk each. Kept apart from exercise-registry.ts so that grading in the page does not bundle
 * every exercise's texts, the YAML parser and the schema (the page has its exercise as props).
 */
import type { Check } from './checks/check-types.ts';
import { checksFromModule } from './checks-module.ts';
import type { Exercise } from './exercise-types.ts';

const checkModules = import.meta.glob('/exercises/*/*/checks.ts');
// Only the keys are used here: the scenario runs in the learner worker, which bundles it itself.
const scenarioModules = import.meta.glob('/exercises/*/*/scenario.ts');

const folderOf = (id: string): string => `/exercises/${id}`;

export const hasChecksModule = (id: string): boolean => `${folderOf(id)}/checks.ts` in checkModules;
export const hasScenarioModule = (id: string): boolean => `${folderOf(id)}/scenario.ts` in scenarioModules;

/** The module path the learner worker's scenario loader knows the exercise's scenario by. */
export function scenarioRef(exercise: Pick<Exercise, 'id' | 'hasScenario'>): string | undefined {
  return exercise.hasScenario ? `${folderOf(exercise.id)}/scenario.ts` : undefined;
}

export async function loadChecks(id: string): Promise<Check[]> {
  const load = checkModules[`${folderOf(id)}/checks.ts`];
  if (!load) throw new Error(`No checks for exercise "${id}"`);
  return checksFromModule(await load(), `exercises/${id}/checks.ts`);
}
