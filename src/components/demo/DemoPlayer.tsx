/**
 * The demo player island: Play / Pause / Step / Restart, the steps with the current one
 * highlighted and explained, and the live packet view. Mounted only after the learner presses
 * Play (see Demo.astro), so the broker and MQTT.js never weigh on a lesson page before that.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { BrowserDemoBackend } from '../../demos/browser-backend.ts';
import type { Demo } from '../../demos/define-demo.ts';
import { DemoPlayer as Player, type PlayerState } from '../../demos/demo-player.ts';
import { explainToHtml } from '../../demos/explain-markdown.ts';
import { PacketView } from '../packet-view/PacketView.tsx';

export interface DemoPlayerProps {
  demo: Demo;
  backend: BrowserDemoBackend;
  /** Start playing at once (the learner already pressed Play on the static shell). */
  autoplay?: boolean;
}

function announcement(demo: Demo, state: PlayerState): string {
  if (state.status === 'failed') return '';
  if (state.status === 'finished') return `Demo finished: all ${demo.steps.length} steps played.`;
  const step = demo.steps[state.current];
  if (!step) return '';
  const where = `Step ${state.current + 1} of ${demo.steps.length}: ${step.title}`;
  return state.status === 'paused' ? `${where}, done. Paused.` : where;
}

/** Collects live entries and hands the view a new array at most once per frame. */
function useLiveEntries(backend: BrowserDemoBackend): readonly RecordEntry[] {
  const [entries, setEntries] = useState<readonly RecordEntry[]>([]);
  const buffer = useRef<RecordEntry[]>([]);
  const frame = useRef<number | undefined>(undefined);
  useEffect(() => {
    const flush = (): void => {
      frame.current = undefined;
      setEntries([...buffer.current]);
    };
    const offEntry = backend.onEntry((entry) => {
      buffer.current.push(entry);
      frame.current ??= requestAnimationFrame(flush);
    });
    const offCleared = backend.onCleared(() => {
      buffer.current = [];
      setEntries([]);
    });
    return () => {
      offEntry();
      offCleared();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
  }, [backend]);
  return entries;
}

export function DemoPlayer({ demo, backend, autoplay = false }: DemoPlayerProps) {
  const [player] = useState(() => new Player(demo, backend));
  const [state, setState] = useState<PlayerState>(player.snapshot);
  const entries = useLiveEntries(backend);

  useEffect(() => {
    const off = player.onChange(setState);
    if (autoplay) void player.play();
    return () => {
      off();
      void backend.close();
    };
  }, [player, backend, autoplay]);

  const running = state.status === 'running';
  const atEnd = state.next >= demo.steps.length;
  return (
    <div class="demo-player">
      <div class="demo-controls" role="group" aria-label="Demo controls">
        {running ? (
          <button type="button" class="demo-button demo-button--primary" onClick={() => player.pause()}>
            Pause
          </button>
        ) : (
          <button type="button" class="demo-button demo-button--primary" disabled={atEnd || state.status === 'failed'} onClick={() => void player.play()}>
            {state.next === 0 ? 'Play' : 'Continue'}
          </button>
        )}
        <button type="button" class="demo-button" disabled={running || atEnd || state.status === 'failed'} onClick={() => void player.step()}>
          Step
        </button>
        <button type="button" class="demo-button" disabled={state.status === 'ready'} onClick={() => void player.restart()}>
          Restart
        </button>
        <span class="demo-status">{running ? 'Playing…' : state.status === 'finished' ? 'Finished' : state.status === 'paused' ? 'Paused' : ''}</span>
      </div>
      <p class="sr-only" aria-live="polite" data-demo-announcer>
        {announcement(demo, state)}
      </p>
      {state.error && (
        <p class="demo-error" role="alert">
          {state.error}
        </p>
      )}
      <ol class="demo-steps">
        {demo.steps.map((step, index) => {
          const done = index < state.next;
          const current = index === state.current;
          const classes = ['demo-step', done ? 'demo-step--done' : running && current ? 'demo-step--running' : 'demo-step--todo', current ? 'demo-step--current' : ''];
          return (
            <li key={index} class={classes.join(' ').trim()} aria-current={current ? 'step' : undefined}>
              <span class="demo-step__title">
                {index + 1}. {step.title}
                {done && <span class="sr-only"> (done)</span>}
              </span>
              <div class="demo-step__explain" dangerouslySetInnerHTML={{ __html: explainToHtml(step.explain) }} />
            </li>
          );
        })}
      </ol>
      <PacketView entries={entries} />
    </div>
  );
}
