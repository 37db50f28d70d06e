/** Hints revealed one at a time, in order; revealed ones stay visible. */
import { useState } from 'preact/hooks';
import type { Hint } from '../../exercise-engine/schema/hints.ts';

export function HintList({ hints, bodiesHtml }: { hints: Hint[]; bodiesHtml: string[] }) {
  const [shown, setShown] = useState(0);
  if (hints.length === 0) return null;
  return (
    <section class="exercise__hints" aria-label="Hints">
      <ol class="exercise__hint-list">
        {hints.slice(0, shown).map((hint, index) => (
          <li key={index} class="exercise__hint">
            <p class="exercise__hint-title">
              <strong>Hint {index + 1}:</strong> {hint.title}
            </p>
            <div dangerouslySetInnerHTML={{ __html: bodiesHtml[index] ?? '' }} />
          </li>
        ))}
      </ol>
      {shown < hints.length ? (
        <button type="button" class="exercise__button" onClick={() => setShown(shown + 1)}>
          Show hint {shown + 1} of {hints.length}
        </button>
      ) : (
        <p class="exercise__muted">All {hints.length} hints shown.</p>
      )}
    </section>
  );
}
