/** The registry as Vite bundles it (vitest runs through Vite, so `import.meta.glob` is real here). */
import { describe, expect, it } from 'vitest';
import { exerciseIds, getExercise, loadChecks, scenarioRef } from '../exercise-registry.ts';
import { exerciseDirs, loadExercise } from '../node/load-exercises.ts';

describe('exercise registry', () => {
  it('knows the same exercises as the file system, with the same content', async () => {
    const fromDisk = await Promise.all(exerciseDirs().map((dir) => loadExercise(dir)));
    expect(exerciseIds()).toEqual(fromDisk.map((loaded) => loaded.exercise.id));
    for (const loaded of fromDisk) {
      const bundled = getExercise(loaded.exercise.id);
      expect(bundled).toEqual(loaded.exercise);
      expect((await loadChecks(bundled.id)).map((check) => check.title)).toEqual(loaded.checks.map((check) => check.title));
    }
  });

  it('names the scenario module the learner worker loads', () => {
    expect(scenarioRef(getExercise('01-fundamentals/qos-at-a-glance'))).toBe('/exercises/01-fundamentals/qos-at-a-glance/scenario.ts');
    expect(scenarioRef(getExercise('01-fundamentals/first-connection'))).toBeUndefined();
  });

  it('refuses an unknown id, saying where it looked', () => {
    expect(() => getExercise('01-fundamentals/nope')).toThrow('No exercise "01-fundamentals/nope" (expected exercises/01-fundamentals/nope/exercise.yaml)');
  });
});
