import type { SandboxBrokerOptions } from '../index.ts';
import type { PortLike } from '../worker/port-like.ts';
import { connectBrokerHost, type BrokerHost } from './host-connection.ts';

export type { BrokerHost } from './host-connection.ts';

/** Starts the sandbox broker in a module Web Worker and returns the page's handle on it. */
export function startBrokerWorker(options: SandboxBrokerOptions = {}): BrokerHost {
  // This exact `new Worker(new URL(...), { type: 'module' })` shape is what Vite bundles as a worker.
  const worker = new Worker(new URL('../worker/broker-worker.ts', import.meta.url), { type: 'module', name: 'sandbox-broker' });
  const { host, fail } = connectBrokerHost(worker as unknown as PortLike, options, () => worker.terminate());
  worker.addEventListener('error', (event) => fail(`the broker worker failed: ${event.message}`));
  return host;
}
