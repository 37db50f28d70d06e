/** A DemoBackend on the sandbox broker in a Web Worker, for the page. */
import type { SandboxBrokerOptions } from '../../sandbox-broker/src/index.ts';
import { startBrokerWorker } from '../../sandbox-broker/src/browser/broker-host.ts';
import { brokerNodeStreamBuilder } from '../../sandbox-broker/src/browser/client-stream.ts';
import type { DemoBackend } from './demo-backend.ts';

export interface BrowserDemoBackend extends DemoBackend {
  /** The record started again (after reset): the live view drops what it shows. */
  onCleared(listener: () => void): () => void;
}

export function createBrowserDemoBackend(options: SandboxBrokerOptions = {}): BrowserDemoBackend {
  const host = startBrokerWorker(options);
  // One connector for every demo client: each openLink() makes a fresh link through it.
  const openLink = brokerNodeStreamBuilder(host.openClientPort());
  return {
    openLink,
    stopNode: (node) => host.stopNode(node),
    startNode: (node) => host.startNode(node),
    async instrument(name, args) {
      await (host.instrument as (name: string, ...args: unknown[]) => Promise<unknown>)(name, ...args);
    },
    advanceClock: (ms) => host.advanceClock(ms),
    restart: (restartOptions) => host.restart(restartOptions),
    onEntry: (listener) => host.onEntry(listener),
    onCleared: (listener) => host.onCleared(listener),
    reset: (nextOptions) => host.reset(nextOptions),
    async close() {
      host.terminate();
    },
  };
}
