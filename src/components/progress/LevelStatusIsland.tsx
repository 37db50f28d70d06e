import { levelEarnedOn, levelStatus } from '../../assessment/criterion-status';
import { LEVEL_LABELS, type Level } from '../../assessment/criteria';
import type { GradedItem } from '../../assessment/graded-items';
import { passedItemDates, passedItemKeys } from '../../progress/passed-items';
import { CriterionList } from './CriterionList';
import { useProgress } from './use-progress';

/** A level's criteria with the learner's status, and whether (and when) the level was earned. */
export function LevelStatusIsland({ level, items }: { level: Level; items: GradedItem[] }) {
  const { progress } = useProgress();
  const passed = progress ? passedItemKeys(progress) : new Set<string>();
  const passedOn = progress ? passedItemDates(progress) : new Map<string, string>();
  const status = levelStatus(level, items, passed);
  const earnedOn = levelEarnedOn(status, passedOn);
  return (
    <div class="progress-level" data-ready={progress ? 'true' : 'false'} data-earned={status.earned ? 'true' : 'false'}>
      <p class="progress-level__verdict" role="status">
        {status.earned ? (
          <>
            <strong>{LEVEL_LABELS[level]} level earned</strong>
            {earnedOn && ` on ${earnedOn.slice(0, 10)}`}. <a href={`/certificate/${level}/`}>See your certificate</a>.
          </>
        ) : (
          <>
            {status.criteria.filter((criterion) => criterion.met).length} of {status.criteria.length} criteria met: the level is not earned yet.
          </>
        )}
      </p>
      <CriterionList statuses={status.criteria} passedOn={passedOn} showItems={true} />
    </div>
  );
}
