/** Checks about how the learner's code ended and what it returned. */
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';

function outcomePhrase(record: RunRecord): string {
  const outcome = record.outcome;
  if (!outcome) return 'the run has no outcome';
  const where = outcome.line === undefined ? '' : ` (line ${outcome.line})`;
  return outcome.message ? `${outcome.status}: ${outcome.message}${where}` : `${outcome.status}${where}`;
}

export function ranWithoutError(): Check {
  return {
    id: 'ran-without-error',
    title: 'Your code ran to the end without an error',
    run(record) {
      return {
        pass: record.outcome?.status === 'completed',
        expected: 'the code finishes without throwing and without being stopped',
        seen: outcomePhrase(record),
      };
    },
  };
}

/** Compares as structured data (JSON), since the returned value crossed a worker boundary. */
export function returned(expected: unknown): Check {
  const wanted = JSON.stringify(expected);
  return {
    id: `returned:${wanted}`,
    title: `Your code returned ${wanted}`,
    run(record) {
      const got = record.outcome && 'returned' in record.outcome ? JSON.stringify(record.outcome.returned) : undefined;
      return {
        pass: got === wanted,
        expected: `the code returns ${wanted}`,
        seen: got === undefined ? `nothing was returned (${outcomePhrase(record)})` : `returned ${got}`,
      };
    },
  };
}
