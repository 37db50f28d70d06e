import type { CriterionId } from './criteria';
import { MIN_PASSED_ITEMS } from './criterion-status';
import type { GradedItem } from './graded-items';

/**
 * Criteria the course teaches but cannot yet assess: each published criterion (served by a
 * module with lessons) needs at least MIN_PASSED_ITEMS graded items, or no learner could meet it.
 * One message per such criterion, naming its modules and the items found.
 */
export function coverageProblems(items: readonly GradedItem[], published: ReadonlyMap<CriterionId, readonly string[]>): string[] {
  return [...published.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([id, modules]) => {
      const assessing = items.filter((item) => item.criteria.includes(id)).map((item) => `${item.kind} ${item.id}`);
      return assessing.length >= MIN_PASSED_ITEMS
        ? []
        : [`${id} is taught by ${modules.join(', ')} but assessed by ${assessing.length} graded item(s), ${MIN_PASSED_ITEMS} needed: ${assessing.join(', ') || 'none'}`];
    });
}
