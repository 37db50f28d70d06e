import { useState } from 'preact/hooks';
import { levelEarnedOn, levelStatus } from '../../assessment/criterion-status';
import { LEVEL_LABELS, type Level } from '../../assessment/criteria';
import type { GradedItem } from '../../assessment/graded-items';
import { passedItemDates, passedItemKeys } from '../../progress/passed-items';
import { useProgress } from './use-progress';

/** A printable certificate for an earned level, or what is still missing. */
export function CertificateIsland({ level, items }: { level: Level; items: GradedItem[] }) {
  const { progress, store } = useProgress();
  const [name, setName] = useState<string | undefined>(undefined);
  if (!progress) return <p class="progress-certificate-loading">Reading your progress in this browser…</p>;

  const status = levelStatus(level, items, passedItemKeys(progress));
  const earnedOn = levelEarnedOn(status, passedItemDates(progress));
  const learnerName = progress.learner?.name ?? '';

  if (!status.earned) {
    return (
      <div class="progress-certificate-missing" data-earned="false">
        <p>
          <strong>Not yet earned.</strong> The {LEVEL_LABELS[level].toLowerCase()} certificate is yours once all its criteria are met. Still missing:
        </p>
        <ul>
          {status.criteria
            .filter((criterion) => !criterion.met)
            .map((criterion) => (
              <li key={criterion.criterion.id}>
                <strong>{criterion.criterion.id}</strong> {criterion.criterion.text}: {criterion.missing}
              </li>
            ))}
        </ul>
        <p>
          <a href={`/assessment/${level}/`}>Go to the {LEVEL_LABELS[level].toLowerCase()} assessment</a>
        </p>
      </div>
    );
  }

  return (
    <div data-earned="true">
      <form
        class="progress-name progress-no-print"
        onSubmit={(event) => {
          event.preventDefault();
          if (name !== undefined) store?.setLearnerName(name);
        }}
      >
        <label for="certificate-name">Your name on the certificate</label>{' '}
        <input id="certificate-name" type="text" autocomplete="name" value={name ?? learnerName} onInput={(event) => setName((event.target as HTMLInputElement).value)} />{' '}
        <button type="submit">Save name</button>{' '}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </form>
      <article class="progress-certificate" aria-label={`${LEVEL_LABELS[level]} certificate`}>
        <p class="progress-certificate__kicker">MQTT Lab certifies that</p>
        <p class="progress-certificate__name">{learnerName || 'Your name here'}</p>
        <p>
          has earned the <strong>{LEVEL_LABELS[level]}</strong> level by meeting these criteria with graded work:
        </p>
        <ul>
          {status.criteria.map((criterion) => (
            <li key={criterion.criterion.id}>
              <strong>{criterion.criterion.id}</strong> {criterion.criterion.text} — {criterion.passed.length} graded items passed
            </li>
          ))}
        </ul>
        <p class="progress-certificate__date">Earned on {earnedOn?.slice(0, 10)}</p>
      </article>
    </div>
  );
}
