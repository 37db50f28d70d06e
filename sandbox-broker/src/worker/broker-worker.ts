/**
 * Entry of the module Web Worker that hosts the sandbox broker. The page starts it with
 * `startBrokerWorker()` (browser/broker-host.ts); everything else lives in broker-service.ts so
 * that it can be tested in Node over a MessageChannel.
 */
// First: aedes and its dependencies use Node globals (Buffer, process, setImmediate) unimported.
import '../browser/shims/globals.ts';
import type { PortLike } from './port-like.ts';
import { serveSandboxBroker } from './broker-service.ts';

// A dedicated worker's global scope speaks the same postMessage/message events as a port.
serveSandboxBroker(self as unknown as PortLike);
