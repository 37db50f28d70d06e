/**
 * Plays a demo step by step: Play runs the remaining steps, Pause stops after the running step
 * (a step is never cut in half: its explanation would no longer match the wire), Step runs one,
 * Restart starts over on a fresh broker. Runs the same in the page and in Node.
 */
import type { DemoBackend } from './demo-backend.ts';
import { createDemoContext, type ManagedDemoContext } from './demo-context.ts';
import type { Demo } from './define-demo.ts';

export type PlayerStatus = 'ready' | 'running' | 'paused' | 'finished' | 'failed';

export interface PlayerState {
  status: PlayerStatus;
  /** The step running or last run (-1 before the first). */
  current: number;
  /** The step the next Play or Step starts with. */
  next: number;
  error?: string;
}

export class DemoPlayer {
  private state: PlayerState = { status: 'ready', current: -1, next: 0 };
  private readonly listeners = new Set<(state: PlayerState) => void>();
  private managed: ManagedDemoContext;
  private pauseRequested = false;
  /** Bumped by restart, so a step still finishing from before is not taken as progress. */
  private generation = 0;

  constructor(private readonly demo: Demo, private readonly backend: DemoBackend) {
    this.managed = createDemoContext(backend);
  }

  get snapshot(): PlayerState {
    return this.state;
  }

  onChange(listener: (state: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs the remaining steps; resolves when they are done, paused or failed. */
  async play(): Promise<void> {
    if (this.state.status === 'running') return;
    this.pauseRequested = false;
    while (this.state.next < this.demo.steps.length && !this.pauseRequested) {
      if (!(await this.runNext())) return;
    }
    if (this.pauseRequested && this.state.next < this.demo.steps.length) this.set({ status: 'paused' });
  }

  /** Runs one step and stops. */
  async step(): Promise<void> {
    if (this.state.status === 'running') return;
    if (await this.runNext()) {
      if (this.state.next < this.demo.steps.length) this.set({ status: 'paused' });
    }
  }

  pause(): void {
    if (this.state.status === 'running') this.pauseRequested = true;
  }

  /** Ends every client, gives the broker a fresh start and an empty record, back to step 1. */
  async restart(): Promise<void> {
    this.generation++;
    this.pauseRequested = true;
    this.managed.endClients();
    await this.backend.reset(this.demo.brokerOptions ?? {});
    this.managed = createDemoContext(this.backend);
    this.replace({ status: 'ready', current: -1, next: 0 });
  }

  private async runNext(): Promise<boolean> {
    const index = this.state.next;
    const step = this.demo.steps[index];
    if (!step) return false;
    const generation = this.generation;
    this.set({ status: 'running', current: index });
    try {
      await step.run(this.managed.ctx);
    } catch (error) {
      if (generation !== this.generation) return false;
      this.set({ status: 'failed', error: `Step ${index + 1} (${step.title}) failed: ${error instanceof Error ? error.message : String(error)}` });
      return false;
    }
    if (generation !== this.generation) return false;
    const next = index + 1;
    this.set({ status: next === this.demo.steps.length ? 'finished' : 'running', next });
    return true;
  }

  private set(change: Partial<PlayerState>): void {
    this.replace({ ...this.state, ...change });
  }

  private replace(state: PlayerState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
