/** A DemoBackend on a sandbox broker in this process: for Node tests of demos (`npm run check`-style). */
import { createSandboxBroker, type SandboxBroker, type SandboxBrokerOptions } from '../../sandbox-broker/src/index.ts';
import type { RecordEntry } from '../../sandbox-broker/src/record-types.ts';
import type { DemoBackend } from './demo-backend.ts';

export interface NodeDemoBackend extends DemoBackend {
  /** The broker now serving (reset replaces it). */
  readonly broker: SandboxBroker;
}

async function nodeControl(control: ((node: string) => Promise<void>) | undefined, node: string): Promise<void> {
  if (!control) throw new Error(`this demo's broker has no nodes to stop or start ("${node}"): give it brokerOptions.nodes`);
  await control(node);
}

export function createNodeDemoBackend(options: SandboxBrokerOptions = {}): NodeDemoBackend {
  let broker = createSandboxBroker(options);
  const listeners = new Set<(entry: RecordEntry) => void>();
  const forward = (entry: RecordEntry): void => {
    for (const listener of listeners) listener(entry);
  };
  broker.recorder.on('entry', forward);

  return {
    get broker() {
      return broker;
    },
    openLink: (node) => broker.connectLink(node).stream,
    stopNode: (node) => nodeControl(broker.stopNode, node),
    startNode: (node) => nodeControl(broker.startNode, node),
    async instrument(name, args) {
      const instruments = broker.instruments as unknown as Record<string, (...a: unknown[]) => unknown>;
      instruments[name]?.(...args);
    },
    advanceClock: async (ms) => {
      await broker.clock.advance(ms);
    },
    restart: (restartOptions) => broker.restart(restartOptions),
    onEntry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async reset(nextOptions) {
      broker.recorder.off('entry', forward);
      await broker.close();
      broker = createSandboxBroker(nextOptions);
      broker.recorder.on('entry', forward);
      await broker.ready;
    },
    async close() {
      broker.recorder.off('entry', forward);
      await broker.close();
    },
  };
}
