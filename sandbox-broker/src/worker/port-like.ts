/**
 * The part of a MessagePort the sandbox broker uses. Browser MessagePorts and a worker's global
 * scope fit; Node's `worker_threads` MessagePorts behave the same at run time (their typings name
 * a different `Transferable`), which lets the worker and page code be tested in Node with a plain
 * `MessageChannel`.
 */
export interface MessageEventLike {
  readonly data: unknown;
}

export interface PortLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

/** A real port (not a worker scope): it can be closed, and must be started to deliver messages. */
export interface ClosablePortLike extends PortLike {
  start(): void;
  close(): void;
}
