/**
 * The host end of a run's lab port (see lab-protocol.ts): applies the scenario's faults to the
 * broker through the run's BrokerHost. Each fault is an 'instrument' event in the record, so the
 * packet view and the checks see when it happened.
 */
import type { BrokerHost } from '../../../../sandbox-broker/src/browser/host-connection.ts';
import type { LabOperation, LabReply, LabRequest } from './lab-protocol.ts';

/** The part of a MessagePort the host needs (the DOM and worker_threads ports both fit). */
export interface LabPort {
  postMessage(message: LabReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LabRequest>) => void): void;
  start(): void;
}

async function perform(host: BrokerHost, operation: LabOperation): Promise<void> {
  switch (operation.op) {
    case 'cutLink':
      // Recorded by the instrument itself, with the link ids it cut.
      await host.instrument('cutLink', operation.clientId);
      return;
    case 'dropNext':
      await host.instrument('dropNext', operation.type, operation.filter);
      return;
    case 'refuseConnections':
      await host.instrument('refuseConnections', operation.ms, operation.clientId === undefined ? {} : { clientId: operation.clientId });
      return;
    case 'restartBroker':
      // The broker records the restart itself; this says it was the scenario's doing.
      await host.recordEvent({
        event: 'instrument',
        reason: `restartBroker (${operation.keepSessions ? 'sessions kept' : 'sessions lost'})`,
        detail: { instrument: 'restartBroker', keepSessions: operation.keepSessions },
      });
      await host.restart({ keepSessions: operation.keepSessions });
      return;
    case 'record':
      await host.recordEvent(operation.event);
      return;
  }
}

/** Serves the lab port until it is closed. Requests are applied one at a time, in order. */
export function serveLab(port: LabPort, host: BrokerHost): void {
  let queue = Promise.resolve();
  port.addEventListener('message', (event) => {
    const request = event.data;
    queue = queue.then(() => perform(host, request)).then(
      () => port.postMessage({ id: request.id, ok: true }),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  port.start();
}
