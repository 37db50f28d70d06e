import { expect } from 'vitest';
import type { BrokerEventEntry, PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Demo } from '../define-demo.ts';
import { DemoPlayer } from '../demo-player.ts';
import { createNodeDemoBackend, type NodeDemoBackend } from '../node-backend.ts';

/**
 * Plays a demo against the sandbox broker in Node one step at a time and returns the record
 * entries of each step, in step order, so a test can assert what each explanation talks about.
 * The caller closes the backend (or passes `backends`, a list it closes after its tests).
 */
export async function playByStep(
  demo: Demo,
  options: { afterStep?: () => void; backends?: NodeDemoBackend[] } = {},
): Promise<{ steps: RecordEntry[][]; backend: NodeDemoBackend }> {
  const backend = createNodeDemoBackend(demo.brokerOptions);
  options.backends?.push(backend);
  const player = new DemoPlayer(demo, backend);
  const steps: RecordEntry[][] = [];
  for (let index = 0; index < demo.steps.length; index++) {
    const before = backend.broker.recorder.entries.length;
    await player.step();
    expect(player.snapshot.error).toBeUndefined();
    steps.push(backend.broker.recorder.entries.slice(before));
    options.afterStep?.();
  }
  expect(player.snapshot.status).toBe('finished');
  return { steps, backend };
}

/** The packets of one type in some entries, optionally of one client and direction. */
export const packets = (entries: RecordEntry[], cmd: string, clientId?: string, direction?: 'in' | 'out'): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && (clientId === undefined || e.clientId === clientId) && (direction === undefined || e.direction === direction));

/** The broker events of one kind in some entries. */
export const eventsOf = (entries: RecordEntry[], event: string): BrokerEventEntry[] =>
  entries.filter((e): e is BrokerEventEntry => e.kind === 'event' && e.event === event);
