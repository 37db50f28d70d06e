import type { RunOutcome } from '../../../../sandbox-broker/src/record-types.ts';

/** What the runner page reports back to the test, plain data. */
export interface PageRunResult {
  outcome: RunOutcome | undefined;
  elapsedMs: number;
  passed: string[];
  failed: string[];
  console: string[];
  packets: number;
  /** Broker-clock ms from the first console line to the last record entry (the link dropped at the stop). */
  firstConsoleToLastEntryMs: number | undefined;
}
