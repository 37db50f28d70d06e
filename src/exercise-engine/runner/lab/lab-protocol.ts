/**
 * Messages on a run's lab port: the scenario, in the learner worker, asks the run's host to apply
 * a fault to the broker or to add an event to the record. The host owns the broker handle; the
 * worker only ever holds this port, which reaches a fixed set of operations.
 */
import type { NewEvent } from '../../../../sandbox-broker/src/recorder.ts';
import type { PacketType } from '../../../../sandbox-broker/src/record-types.ts';
import type { PacketFilter } from '../../../../sandbox-broker/src/instruments.ts';

export type LabOperation =
  | { readonly op: 'cutLink'; readonly clientId: string }
  | { readonly op: 'restartBroker'; readonly keepSessions: boolean }
  | { readonly op: 'dropNext'; readonly type: PacketType; readonly filter: PacketFilter }
  | { readonly op: 'refuseConnections'; readonly ms: number; readonly clientId?: string }
  | { readonly op: 'record'; readonly event: NewEvent };

export type LabRequest = LabOperation & { readonly id: number };

export type LabReply =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly error: string };
