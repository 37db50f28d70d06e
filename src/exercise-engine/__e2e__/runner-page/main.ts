/**
 * The page of the Chromium test: runs an exercise's code with the browser runner (broker worker
 * + learner worker) and grades it with the exercise's checks from the registry.
 */
import { getExercise } from '../../exercise-registry.ts';
import { runAndGradeInBrowser, runInBrowser } from '../../runner/run-in-browser.ts';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import type { PageRunResult } from './page-run-result.ts';

async function runExercise(id: string, code: 'solution' | 'starter' | { source: string }, stopAfterMs?: number): Promise<PageRunResult> {
  const exercise = getExercise(id);
  const source = typeof code === 'string' ? exercise[code] : code.source;
  const started = performance.now();
  if (stopAfterMs !== undefined) {
    const run = runInBrowser({ exercise, code: source });
    setTimeout(() => run.stop(), stopAfterMs);
    const record = await run.record;
    return { ...summarise(record), elapsedMs: performance.now() - started, passed: [], failed: [] };
  }
  const { record, results } = await runAndGradeInBrowser({ exercise, code: source });
  return {
    ...summarise(record),
    elapsedMs: performance.now() - started,
    passed: results.filter((result) => result.pass).map((result) => result.title),
    failed: results.filter((result) => !result.pass).map((result) => `${result.title} — seen: ${result.seen}`),
  };
}

function summarise(record: RunRecord): Omit<PageRunResult, 'elapsedMs' | 'passed' | 'failed'> {
  const firstConsole = record.entries.find((entry) => entry.kind === 'console');
  const last = record.entries[record.entries.length - 1];
  return {
    outcome: record.outcome,
    console: record.entries.flatMap((entry) => (entry.kind === 'console' ? [entry.text] : [])),
    packets: record.entries.filter((entry) => entry.kind === 'packet').length,
    firstConsoleToLastEntryMs: firstConsole && last ? last.time - firstConsole.time : undefined,
  };
}

(window as unknown as { runExercise: typeof runExercise }).runExercise = runExercise;
