import { useState } from 'preact/hooks';
import type { ProgressStore } from '../../progress/progress-store';
import { downloadText } from './download';

/** Export, import and reset of the learner's progress, and the backups of damaged progress. */
export function YourData({ store }: { store: ProgressStore | undefined }) {
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  // Bumped to re-read the backups after one is deleted.
  const [, setBackupsSeen] = useState(0);
  const today = new Date().toISOString().slice(0, 10);

  const importFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !store) return;
    const result = store.importJson(await file.text());
    setMessage(result.ok ? { kind: 'status', text: `Imported ${file.name}: your progress now includes it.` } : { kind: 'alert', text: `${file.name}: ${result.error}` });
    input.value = '';
  };

  const recovery = store?.recovery;
  const shownBackups = store?.backups() ?? [];
  return (
    <div class="progress-data">
      {shownBackups.length > 0 && (
        <div class="progress-recovery" role="alert">
          <p>
            <strong>Your saved progress was damaged.</strong> Everything that could still be read was kept
            {recovery ? `; dropped: ${recovery.problems.slice(0, 3).join('; ')}${recovery.problems.length > 3 ? ' …' : ''}` : ''}. A copy of the
            damaged data is kept in this browser.
          </p>
          {shownBackups.map((backup) => (
            <p key={backup.key}>
              <button type="button" onClick={() => downloadText(backup.text, `mqtt-lab-damaged-progress-${today}.json`)}>
                Download the damaged copy
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  store?.removeBackup(backup.key);
                  setBackupsSeen((count) => count + 1);
                }}
              >
                Delete the copy
              </button>
            </p>
          ))}
        </div>
      )}
      <p>Your progress is kept in this browser only. Export it to keep a copy or to move it to another browser.</p>
      <p class="progress-data__actions">
        <button type="button" disabled={!store} onClick={() => store && downloadText(store.exportJson(), `mqtt-lab-progress-${today}.json`)}>
          Export progress
        </button>
        <label class="progress-data__import">
          Import progress from a file{' '}
          <input type="file" accept=".json,application/json" disabled={!store} onChange={importFile} />
        </label>
        {!confirming && (
          <button type="button" disabled={!store} onClick={() => setConfirming(true)}>
            Reset progress…
          </button>
        )}
      </p>
      {confirming && (
        <div class="progress-confirm" role="group" aria-label="Confirm reset">
          <p>This deletes all your progress in this browser, in every open tab. Export it first if you may want it back.</p>
          <button
            type="button"
            ref={(button) => button?.focus()}
            onClick={() => {
              store?.reset();
              setConfirming(false);
              setMessage({ kind: 'status', text: 'Your progress was reset.' });
            }}
          >
            Yes, delete my progress
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <p role={message?.kind === 'alert' ? 'alert' : 'status'} class={message?.kind === 'alert' ? 'progress-error' : undefined}>
        {message?.text}
      </p>
    </div>
  );
}
