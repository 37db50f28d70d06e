import type { Measurement, QoS } from '../measure.ts';

/** Page → client worker: measure with clients in that worker, over this connector port. */
export interface ClientWorkerRequest {
  readonly port: MessagePort;
  readonly qos: QoS;
  readonly count: number;
}

export type ClientWorkerReply = { readonly ok: true; readonly measurement: Measurement } | { readonly ok: false; readonly error: string };

/** Where the MQTT.js clients run in a browser measurement; the broker is always in its own worker. */
export type ClientPlace = 'page' | 'worker';
