/**
 * What a check is and what it answers. Checks are pure functions of the run record:
 * no DOM, no network, no clock, so the same check grades in vitest and in the page.
 */
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';

/** A pointer into one of the specifications: MQTT 3.1.1, MQTT 5.0, or MQTT-SN 1.2 ('SN-1.2', by section). */
export interface SpecRef {
  version: '3.1.1' | '5.0' | 'SN-1.2';
  /** A normative statement id, e.g. `MQTT-3.3.1-5`. */
  statement?: string;
  /** A section number, e.g. `4.3.2`, when no single statement carries the rule. */
  section?: string;
  title?: string;
}

export interface Verdict {
  pass: boolean;
  /** What the learner's run should have shown, in words. */
  expected: string;
  /** What the record actually shows, in words. */
  seen: string;
  spec?: SpecRef;
}

export interface Check {
  /** Stable within an exercise; used to key results. */
  id: string;
  /** Reads like the rule it checks, e.g. "PUBLISH to `lab/hello` at QoS 1 was acknowledged". */
  title: string;
  spec?: SpecRef;
  run(record: RunRecord): Verdict;
}

export interface CheckResult extends Verdict {
  id: string;
  title: string;
}
