/** The sleepy-sensor starter fails for the reasons the exercise teaches: no topic id, and no sleep (MQTT-SN v1.2 §6.5, §6.14). */
import { expect, it } from 'vitest';
import { grade } from '../../../src/exercise-engine/grader.ts';
import { loadExercise } from '../../../src/exercise-engine/node/load-exercises.ts';
import { runExercise } from '../../../src/exercise-engine/runner/run-in-node.ts';

it('sleepy-sensor: the starter never registers, publishes by short name, and ends its session instead of sleeping', async () => {
  const loaded = await loadExercise(new URL('../sleepy-sensor', import.meta.url).pathname);
  const results = grade(loaded.checks, await runExercise(loaded, loaded.exercise.starter));
  const failed = results.filter((result) => !result.pass).map((result) => result.id);
  expect(failed).toEqual(expect.arrayContaining([
    'sn-registered:greenhouse/sensor-7/temp', 'sn-published-with-topic-id:greenhouse/sensor-7/temp:1', 'sn-slept', 'sn-received-on-wake:greenhouse/sensor-7/cmd',
  ]));
  expect(results.find((result) => result.id === 'sn-subscribed:greenhouse/sensor-7/cmd')?.pass).toBe(true);
}, 20_000);
