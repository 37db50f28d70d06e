import { MessageChannel } from 'node:worker_threads';
import type { ClosablePortLike } from '../src/worker/port-like.ts';

/**
 * A MessageChannel whose ports are typed as the DOM-shaped ports the sandbox broker code expects:
 * Node's ports behave the same at run time, only their typings name a different `Transferable`.
 */
export function nodeChannel(): { port1: ClosablePortLike; port2: ClosablePortLike } {
  const { port1, port2 } = new MessageChannel();
  return { port1: port1 as unknown as ClosablePortLike, port2: port2 as unknown as ClosablePortLike };
}
