/**
 * The outcome of a run: how the code ended, one verdict per check (for a failure: what was
 * expected, what the record shows, and the spec statement behind it), the console output, and
 * the packets.
 */
import type { ConsoleEntry, RecordEntry, RunOutcome } from '../../../sandbox-broker/src/record-types.ts';
import type { CheckResult } from '../../exercise-engine/checks/check-types.ts';
import { describeOutcome } from './outcome-text.ts';
import { PacketPanel } from './PacketPanel.tsx';
import { formatSpecRef, specUrl } from '../../content-schema/spec-ref-format.ts';

export interface ResultPanelProps {
  running: boolean;
  outcome: RunOutcome | undefined;
  results: CheckResult[] | undefined;
  entries: RecordEntry[];
  onShowLine(line: number): void;
}

export function ResultPanel({ running, outcome, results, entries, onShowLine }: ResultPanelProps) {
  const consoleLines = entries.filter((entry): entry is ConsoleEntry => entry.kind === 'console');
  const passed = results?.filter((result) => result.pass).length ?? 0;
  const text = outcome ? describeOutcome(outcome) : undefined;
  return (
    <section class="exercise__results" aria-label="Result">
      {text && (
        <p class={`exercise__outcome exercise__outcome--${text.tone}`} data-outcome={outcome?.status}>
          <strong>{text.label}.</strong> {text.detail}{' '}
          {outcome?.line !== undefined && (
            <button type="button" class="exercise__link-button" onClick={() => onShowLine(outcome.line ?? 1)}>
              Go to line {outcome.line}
            </button>
          )}
        </p>
      )}
      {results && (
        <>
          <h4 class="exercise__subheading">
            Checks: {passed} of {results.length} passed
          </h4>
          <ul class="exercise__checks">
            {results.map((result) => (
              <li key={result.id} class={`exercise__check exercise__check--${result.pass ? 'pass' : 'fail'}`} data-check={result.id} data-pass={String(result.pass)}>
                <span class="exercise__check-mark" aria-hidden="true">{result.pass ? '✓' : '✗'}</span>
                <span class="sr-only">{result.pass ? 'Passed:' : 'Failed:'}</span> {result.title}
                {!result.pass && (
                  <dl class="exercise__check-detail">
                    <dt>Expected</dt>
                    <dd>{result.expected}</dd>
                    <dt>Seen</dt>
                    <dd>{result.seen}</dd>
                    {result.spec && (
                      <>
                        <dt>Specification</dt>
                        <dd>
                          <a href={specUrl(result.spec)} target="_blank" rel="noopener" title={result.spec.title}>
                            {formatSpecRef(result.spec)}
                          </a>
                          {result.spec.title && <> — {result.spec.title}</>}
                        </dd>
                      </>
                    )}
                  </dl>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4 class="exercise__subheading">Console</h4>
      {consoleLines.length > 0 ? (
        <pre class="exercise__console" tabIndex={0} aria-label="Console output">
          {consoleLines.map((line) => (
            <span key={line.seq} class={`exercise__console-${line.level}`}>
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      ) : (
        <p class="exercise__muted">{running ? 'Running…' : 'Nothing printed.'}</p>
      )}
      <PacketPanel entries={entries} />
    </section>
  );
}
