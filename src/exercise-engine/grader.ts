/**
 * The grader: runs an exercise's checks over a run record. Pure; a check that throws is
 * reported as a failure rather than aborting the grading of the others.
 */
import type { RunRecord } from '../../sandbox-broker/src/record-types.ts';
import type { Check, CheckResult } from './checks/check-types.ts';

export function grade(checks: readonly Check[], record: RunRecord): CheckResult[] {
  return checks.map((check) => {
    const spec = check.spec;
    try {
      const verdict = check.run(record);
      const result: CheckResult = { id: check.id, title: check.title, ...verdict };
      if (!result.spec && spec) result.spec = spec;
      return result;
    } catch (error) {
      const result: CheckResult = {
        id: check.id,
        title: check.title,
        pass: false,
        expected: 'the check to run',
        seen: `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
      };
      if (spec) result.spec = spec;
      return result;
    }
  });
}

export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.pass);
}
