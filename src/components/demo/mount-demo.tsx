/** Loaded when the learner presses Play: fetches the demo and the broker, and mounts the player. */
import { render } from 'preact';
import { createBrowserDemoBackend } from '../../demos/browser-backend.ts';
import { loadDemo } from '../../demos/demo-registry.ts';
import { DemoPlayer } from './DemoPlayer.tsx';

export async function mountDemo(stage: HTMLElement, id: string): Promise<void> {
  const demo = await loadDemo(id);
  const backend = createBrowserDemoBackend(demo.brokerOptions ?? {});
  render(<DemoPlayer demo={demo} backend={backend} autoplay />, stage);
}
