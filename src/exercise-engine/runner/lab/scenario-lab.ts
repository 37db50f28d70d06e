/**
 * The worker end of a run's lab port: the faults and waits a scenario calls (`lab.cutLink(…)`,
 * `lab.restartBroker(…)`…), each a request to the run's host, which applies it to the broker
 * and records it. Each call resolves once the host has done it.
 */
import type { NewEvent } from '../../../../sandbox-broker/src/recorder.ts';
import type { LabOperation, LabReply, LabRequest } from './lab-protocol.ts';

/** The part of a MessagePort the worker needs. */
export interface LabClientPort {
  postMessage(message: LabRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LabReply>) => void): void;
  start(): void;
}

export interface LabClient {
  call(operation: LabOperation): Promise<void>;
  record(event: NewEvent): Promise<void>;
}

export function createLabClient(port: LabClientPort): LabClient {
  let nextId = 1;
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  port.addEventListener('message', (event) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve();
    else waiting.reject(new Error(reply.error));
  });
  port.start();
  const call = (operation: LabOperation): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ ...operation, id });
    });
  return { call, record: (event) => call({ op: 'record', event }) };
}
