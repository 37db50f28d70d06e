import type { CriterionId } from './criteria';

/**
 * A piece of graded work: an exercise (graded on the in-page broker by its checks) or a quiz
 * question. Later, capstone project checks join as a third kind.
 */
export type GradedItemKind = 'exercise' | 'question';

export interface GradedItem {
  kind: GradedItemKind;
  /** Exercise: "01-fundamentals/first-connection". Question: "<quiz id>/<question id>". */
  id: string;
  title: string;
  criteria: CriterionId[];
  /** The page where the learner does it, when one embeds it. */
  href?: string;
}

/** "exercise:01-fundamentals/first-connection": unique across kinds. */
export function itemKey(item: Pick<GradedItem, 'kind' | 'id'>): string {
  return `${item.kind}:${item.id}`;
}
