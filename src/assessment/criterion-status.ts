import { CRITERIA, type Criterion, type CriterionId, type Level } from './criteria';
import { itemKey, type GradedItem } from './graded-items';

/**
 * When a criterion is met and a level earned — the one definition, shown to learners as
 * MET_DEFINITION and applied by the dashboard, the assessment pages and the certificates.
 *
 * A criterion is met when the learner has passed at least MIN_PASSED_ITEMS different graded
 * items that assess it, and — whenever an exercise assesses it — at least one of those is an
 * exercise. Quiz feedback reveals the answer, so quiz questions alone would be too easy to pass
 * by retrying; an exercise passes only when the learner's own code did the right thing on the
 * in-page broker. A level is earned when all of its criteria are met.
 *
 * What counts as passed is decided by the progress store: an exercise is passed once any run
 * passed all its checks; a quiz question while the learner's latest answer to it is correct.
 */
export const MIN_PASSED_ITEMS = 2;

export const MET_DEFINITION =
  `A criterion is met when you have passed at least ${MIN_PASSED_ITEMS} different graded items that assess it ` +
  '(exercises or quiz questions), and at least one of them is an exercise whenever an exercise assesses that criterion. ' +
  'An exercise counts once a run of your code passed all its checks; a quiz question counts while your latest answer to it is right. ' +
  'A level is earned when all its criteria are met.';

export type CriterionState = 'met' | 'in progress' | 'not started' | 'not yet assessable';

export interface CriterionStatus {
  criterion: Criterion;
  state: CriterionState;
  met: boolean;
  /** Every graded item that assesses the criterion. */
  assessedBy: GradedItem[];
  /** Those the learner has passed. */
  passed: GradedItem[];
  /** What is still missing, in words; empty when met. */
  missing: string;
}

export function criterionStatus(
  id: CriterionId,
  items: readonly GradedItem[],
  passedKeys: ReadonlySet<string>,
): CriterionStatus {
  const criterion = CRITERIA.find((candidate) => candidate.id === id)!;
  const assessedBy = items.filter((item) => item.criteria.includes(id));
  const passed = assessedBy.filter((item) => passedKeys.has(itemKey(item)));
  const exerciseExists = assessedBy.some((item) => item.kind === 'exercise');
  const exercisePassed = passed.some((item) => item.kind === 'exercise');

  const needs: string[] = [];
  if (assessedBy.length < MIN_PASSED_ITEMS) {
    needs.push(`the course has ${assessedBy.length} graded item${assessedBy.length === 1 ? '' : 's'} for it so far`);
  } else {
    if (passed.length < MIN_PASSED_ITEMS) needs.push(`pass ${MIN_PASSED_ITEMS - passed.length} more graded item${MIN_PASSED_ITEMS - passed.length === 1 ? '' : 's'}`);
    if (exerciseExists && !exercisePassed) needs.push('pass an exercise');
  }
  const met = needs.length === 0;
  const state: CriterionState =
    assessedBy.length < MIN_PASSED_ITEMS ? 'not yet assessable' : met ? 'met' : passed.length > 0 ? 'in progress' : 'not started';
  return { criterion, state, met, assessedBy, passed, missing: needs.join(' and ') };
}

export interface LevelStatus {
  level: Level;
  earned: boolean;
  criteria: CriterionStatus[];
}

export function levelStatus(level: Level, items: readonly GradedItem[], passedKeys: ReadonlySet<string>): LevelStatus {
  const criteria = CRITERIA.filter((criterion) => criterion.level === level).map((criterion) =>
    criterionStatus(criterion.id, items, passedKeys),
  );
  return { level, earned: criteria.every((status) => status.met), criteria };
}

/**
 * The date a met criterion became met: walking the passed items in the order they were passed,
 * the first moment the rule above held. `passedOn` maps item keys to ISO dates.
 */
export function criterionMetOn(status: CriterionStatus, passedOn: ReadonlyMap<string, string>): string | undefined {
  if (!status.met) return undefined;
  const exerciseExists = status.assessedBy.some((item) => item.kind === 'exercise');
  const inOrder = status.passed
    .map((item) => ({ item, date: passedOn.get(itemKey(item)) ?? '' }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let exerciseSeen = false;
  for (const [index, { item, date }] of inOrder.entries()) {
    exerciseSeen ||= item.kind === 'exercise';
    if (index + 1 >= MIN_PASSED_ITEMS && (exerciseSeen || !exerciseExists)) return date;
  }
  return undefined;
}

/** The date a level was earned: when the last of its criteria became met. */
export function levelEarnedOn(status: LevelStatus, passedOn: ReadonlyMap<string, string>): string | undefined {
  if (!status.earned) return undefined;
  const dates = status.criteria.map((criterion) => criterionMetOn(criterion, passedOn));
  return dates.every((date) => date !== undefined) ? dates.sort().at(-1) : undefined;
}
