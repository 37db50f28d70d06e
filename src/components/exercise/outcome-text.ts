/**
 * What the result panel says about how the learner's code ended. The engine words the
 * timed-out and compile messages itself; this adds the line and a fallback for each status.
 */
import type { RunOutcome } from '../../../sandbox-broker/src/record-types.ts';

export interface OutcomeText {
  /** Short label, e.g. "Completed", "Threw an error". */
  label: string;
  /** The sentence shown under it. */
  detail: string;
  tone: 'ok' | 'error' | 'warning';
}

export function describeOutcome(outcome: RunOutcome | undefined): OutcomeText {
  if (!outcome) return { label: 'No outcome', detail: 'The run ended without reporting how your code finished.', tone: 'warning' };
  const at = outcome.line === undefined ? '' : ` (line ${outcome.line})`;
  switch (outcome.status) {
    case 'completed':
      return { label: 'Completed', detail: 'Your code ran to the end.', tone: 'ok' };
    case 'threw':
      return { label: 'Threw an error', detail: `${outcome.message ?? 'Your code threw an error.'}${at}`, tone: 'error' };
    case 'timed-out':
      return { label: 'Timed out', detail: outcome.message ?? 'Your code did not finish in time — an infinite loop? Stopped.', tone: 'error' };
    case 'stopped':
      return { label: 'Stopped', detail: 'You stopped the run. What happened until then is shown below.', tone: 'warning' };
    case 'resource-limit':
      return { label: 'Stopped: resource limit', detail: outcome.message ?? 'Your code used more than the sandbox allows.', tone: 'error' };
  }
}
