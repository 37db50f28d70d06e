import { useEffect, useState } from 'preact/hooks';
import type { RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import { createBrowserDemoBackend } from '../../demos/browser-backend.ts';
import { DemoPlayer, type PlayerState } from '../../demos/demo-player.ts';
import { loadDemo } from '../../demos/demo-registry.ts';
import { PacketView } from '../packet-view/PacketView.tsx';

/**
 * Plays a demo from start to end on a fresh in-page broker and shows the packets live. Loaded
 * lazily by PredictObservation: this chunk carries the broker worker's client side and MQTT.js.
 */
export function ObservedRun({ demoId }: { demoId: string }) {
  const [entries, setEntries] = useState<RecordEntry[]>([]);
  const [state, setState] = useState<PlayerState | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    loadDemo(demoId)
      .then((demo) => {
        if (cancelled) return;
        const backend = createBrowserDemoBackend(demo.brokerOptions ?? {});
        const received: RecordEntry[] = [];
        const stopEntries = backend.onEntry((entry) => {
          received.push(entry);
          setEntries([...received]);
        });
        const player = new DemoPlayer(demo, backend);
        const stopState = player.onChange(setState);
        cleanup = () => {
          stopEntries();
          stopState();
          void backend.close();
        };
        return player.play();
      })
      .catch((cause: unknown) => {
        if (!cancelled) setError(cause instanceof Error ? cause.message : String(cause));
      });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [demoId]);

  const status = error || state?.error || (state?.status === 'finished' ? 'Finished: every packet of the run is below.' : 'Running on the in-page broker…');
  return (
    <div class="quiz-observed" data-status={error || state?.error ? 'failed' : (state?.status ?? 'loading')}>
      <p role="status">{status}</p>
      <PacketView entries={entries} />
    </div>
  );
}
