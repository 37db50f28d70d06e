import { criterionMetOn, type CriterionStatus } from '../../assessment/criterion-status';
import type { GradedItem } from '../../assessment/graded-items';

const STATE_MARK: Record<CriterionStatus['state'], string> = {
  met: '✓',
  'in progress': '◐',
  'not started': '○',
  'not yet assessable': '–',
};

const shorten = (text: string, length = 90): string => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

function ItemLink({ item, passed }: { item: GradedItem; passed: boolean }) {
  const label = `${item.kind === 'exercise' ? 'Exercise' : 'Quiz question'}: ${shorten(item.title.replaceAll('`', ''))}`;
  return (
    <li class={passed ? 'progress-item progress-item--passed' : 'progress-item'}>
      <span aria-hidden="true">{passed ? '✓ ' : '· '}</span>
      {item.href ? <a href={item.href}>{label}</a> : label}
      <span class="sr-only">{passed ? ' (passed)' : ' (not passed yet)'}</span>
    </li>
  );
}

/** Criteria with their state for this learner; with `showItems`, the graded items that assess each. */
export function CriterionList({
  statuses,
  passedOn,
  showItems,
}: {
  statuses: CriterionStatus[];
  passedOn: ReadonlyMap<string, string>;
  showItems: boolean;
}) {
  return (
    <ul class="progress-criteria">
      {statuses.map((status) => {
        const metOn = criterionMetOn(status, passedOn);
        return (
          <li key={status.criterion.id} class={`progress-criterion progress-criterion--${status.state.replaceAll(' ', '-')}`} data-criterion={status.criterion.id}>
            <p class="progress-criterion__head">
              <span class="progress-criterion__mark" aria-hidden="true">
                {STATE_MARK[status.state]}
              </span>{' '}
              <strong>{status.criterion.id}</strong> {status.criterion.text}:{' '}
              <span class="progress-criterion__state" data-state={status.state}>
                {status.state}
              </span>
              {metOn && ` (since ${metOn.slice(0, 10)})`}
              {!status.met && status.missing && <span class="progress-criterion__missing"> — {status.missing}</span>}
            </p>
            {showItems && status.assessedBy.length > 0 && (
              <details>
                <summary>
                  {status.passed.length} of {status.assessedBy.length} graded items passed
                </summary>
                <ul class="progress-items">
                  {status.assessedBy.map((item) => (
                    <ItemLink key={`${item.kind}:${item.id}`} item={item} passed={status.passed.includes(item)} />
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
