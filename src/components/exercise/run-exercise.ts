/**
 * The island's side of a run, loaded on the first Run: one sandbox broker per exercise, kept
 * between runs (so the second Run does not pay for starting it), a fresh learner worker per run
 * (the engine's, started ahead of each run), live record entries for the packet view, then grading.
 */
import { startBrokerWorker, type BrokerHost } from '../../../sandbox-broker/src/browser/broker-host.ts';
import type { SandboxBrokerOptions } from '../../../sandbox-broker/src/index.ts';
import type { RecordEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { CheckResult } from '../../exercise-engine/checks/check-types.ts';
import { loadChecks } from '../../exercise-engine/exercise-checks.ts';
import type { Exercise } from '../../exercise-engine/exercise-types.ts';
import { grade } from '../../exercise-engine/grader.ts';
import { runInBrowser, warmLearnerWorker } from '../../exercise-engine/runner/run-in-browser.ts';

export interface GradedRun {
  record: RunRecord;
  results: CheckResult[];
}

export interface RunningExercise {
  result: Promise<GradedRun>;
  stop(): void;
}

const hosts = new Map<string, BrokerHost>();

function hostFor(exercise: Exercise): BrokerHost {
  let host = hosts.get(exercise.id);
  if (!host) {
    host = startBrokerWorker(exercise.meta.broker as SandboxBrokerOptions);
    hosts.set(exercise.id, host);
  }
  return host;
}

/**
 * Starts the exercise's broker and the first run's learner worker and fetches the checks ahead of
 * the first Run, once the editor is usable, so that Run measures the learner's code rather than
 * the sandbox's start-up.
 */
export async function warmUp(exercise: Exercise): Promise<void> {
  const host = hostFor(exercise);
  warmLearnerWorker();
  await Promise.all([host.snapshot(), loadChecks(exercise.id)]);
}

/** Starts a run; `onEntries` receives the record as it grows (the whole list each time, batched per frame). */
export function runExercise(exercise: Exercise, code: string, onEntries: (entries: RecordEntry[]) => void): RunningExercise {
  const host = hostFor(exercise);
  const entries: RecordEntry[] = [];
  let frame: number | undefined;
  const publish = (): void => {
    frame = undefined;
    onEntries([...entries]);
  };
  const schedule = (): void => {
    frame ??= requestAnimationFrame(publish);
  };
  const stopListening = [
    host.onEntry((entry) => {
      entries.push(entry);
      schedule();
    }),
    host.onCleared(() => {
      entries.length = 0;
      schedule();
    }),
  ];
  const run = runInBrowser({ exercise, code, host });
  const result = (async (): Promise<GradedRun> => {
    try {
      const [record, checks] = await Promise.all([run.record, loadChecks(exercise.id)]);
      return { record, results: grade(checks, record) };
    } finally {
      stopListening.forEach((stop) => stop());
      if (frame !== undefined) cancelAnimationFrame(frame);
    }
  })();
  return { result, stop: run.stop };
}
