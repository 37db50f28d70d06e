/**
 * The reference solution, shown only on request and after a "try the hints first" step, as a
 * read-only diff beside a copy of the learner's code: it never replaces what they wrote.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadMonaco } from '../../editor/load-monaco.ts';
import { monacoThemeFor } from '../../editor/accessible-themes.ts';
import { watchSiteTheme } from '../../editor/starlight-theme.ts';

type Step = 'closed' | 'confirming' | 'open';

export function SolutionDiff({ exerciseId, solution, learnerCode }: { exerciseId: string; solution: string; learnerCode: () => string }) {
  const [step, setStep] = useState<Step>('closed');
  return (
    <section class="exercise__solution" aria-label="Reference solution">
      {step === 'closed' && (
        <button type="button" class="exercise__button" onClick={() => setStep('confirming')}>
          Compare with the reference solution…
        </button>
      )}
      {step === 'confirming' && (
        <div class="exercise__confirm" role="group" aria-label="Show the solution?">
          <p>Are you sure? Working it out teaches more than reading it — try the hints first. Your code stays as it is.</p>
          <button type="button" class="exercise__button" onClick={() => setStep('open')}>Yes, show the solution</button>{' '}
          <button type="button" class="exercise__button exercise__button--quiet" onClick={() => setStep('closed')}>Not yet</button>
        </div>
      )}
      {step === 'open' && (
        <>
          <p class="exercise__muted">Left: your code (a copy). Right: the reference solution. Both read-only.</p>
          <DiffView exerciseId={exerciseId} original={learnerCode()} modified={solution} />
          <button type="button" class="exercise__button exercise__button--quiet" onClick={() => setStep('closed')}>Hide the solution</button>
        </>
      )}
    </section>
  );
}

function DiffView({ exerciseId, original, modified }: { exerciseId: string; original: string; modified: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = (): void => undefined;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const base = `file:///exercises/${exerciseId}/compare`;
      const originalModel = monaco.editor.createModel(original, 'typescript', monaco.Uri.parse(`${base}/yours.ts`));
      const modifiedModel = monaco.editor.createModel(modified, 'typescript', monaco.Uri.parse(`${base}/solution.ts`));
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        renderSideBySide: host.current.clientWidth >= 700,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        ariaLabel: 'Reference solution compared with your code, read-only',
        originalAriaLabel: 'Your code, read-only copy',
        modifiedAriaLabel: 'Reference solution, read-only',
      });
      diff.setModel({ original: originalModel, modified: modifiedModel });
      const stopTheme = watchSiteTheme((theme) => monaco.editor.setTheme(monacoThemeFor(theme)));
      dispose = () => {
        stopTheme();
        diff.dispose();
        originalModel.dispose();
        modifiedModel.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [exerciseId, original, modified]);
  // not-content: Starlight spaces the children of Markdown content, Monaco's lines included.
  return <div ref={host} class="exercise__diff not-content" data-solution-diff />;
}
