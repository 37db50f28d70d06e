/**
 * The run record: the one serialisable account of what happened during a run.
 * It is the only input of grading and of the packet view, so everything here is plain data
 * (structured-clone and JSON safe): no class instances, no functions, no Buffers.
 */

/** MQTT protocol level as sent in CONNECT: 4 is 3.1.1, 5 is 5.0. */
export type ProtocolLevel = 3 | 4 | 5;

/** `in` = client → broker, `out` = broker → client. */
export type Direction = 'in' | 'out';

export type PacketType =
  | 'connect' | 'connack' | 'publish' | 'puback' | 'pubrec' | 'pubrel' | 'pubcomp'
  | 'subscribe' | 'suback' | 'unsubscribe' | 'unsuback' | 'pingreq' | 'pingresp'
  | 'disconnect' | 'auth';

/**
 * A decoded packet, as mqtt-packet decodes it, with binary fields made plain:
 * payloads and binary properties (correlationData, authenticationData) are given as
 * `{ base64, utf8? }` (utf8 present when the bytes are valid UTF-8).
 */
export interface DecodedPacket {
  cmd: PacketType;
  [field: string]: unknown;
}

export interface BinaryField {
  base64: string;
  /** Present when the bytes are valid UTF-8. */
  utf8?: string;
}

export interface PacketEntry {
  kind: 'packet';
  /** Position in the record, from 0. */
  seq: number;
  /** Milliseconds on the broker's clock (virtual when the clock is controlled), from the run's start. */
  time: number;
  direction: Direction;
  /** The client id of the connection (`''` until CONNECT has been read), and a per-link id that never repeats. */
  clientId: string;
  linkId: number;
  /** The broker node the link belongs to, when the run has several (a cluster or bridged brokers: module 5). */
  node?: string;
  packet: DecodedPacket;
  /** The exact bytes on the wire, base64. */
  raw: string;
}

export type BrokerEventType =
  | 'client-connected'
  | 'client-disconnected'
  | 'connection-refused'
  | 'will-published'
  | 'will-scheduled'
  | 'subscription-granted'
  | 'subscription-denied'
  | 'publish-denied'
  | 'message-delivered'
  | 'message-dropped'
  | 'message-expired'
  | 'message-queued'
  | 'session-resumed'
  | 'session-expired'
  | 'protocol-error'
  | 'instrument'
  | 'broker-restarted'
  | 'clock-advanced'
  | 'node-stopped'
  | 'node-started'
  /** The MQTT-SN gateway: a client's state changed (active, asleep, awake, lost…) or it refused a datagram. */
  | 'gateway'
  /** A request to the in-page HTTP API of an exercise (`detail`: id, method, url, path, body). */
  | 'http-request'
  /** Its response (`detail`: id, method, url, path, status, body), or the error that ended it. */
  | 'http-response'
  /** MQTT 5.0 enhanced authentication succeeded (detail: method, reauthentication). */
  | 'client-authenticated'
  /** A re-authentication failed (an initial failure is a 'connection-refused'). */
  | 'authentication-failed'
  /** Stands for entries left out to bound memory (detail: count, firstSeq, lastSeq); see RunRecord.omitted. */
  | 'entries-omitted';

export interface BrokerEventEntry {
  kind: 'event';
  seq: number;
  time: number;
  event: BrokerEventType;
  clientId?: string;
  linkId?: number;
  /** The broker node the event happened on, when the run has several (module 5). */
  node?: string;
  /** Human-readable cause, e.g. "keep-alive timeout (1.5 × 10 s)", "link cut by instrument". */
  reason?: string;
  /** MQTT 5 reason code where one applies. */
  reasonCode?: number;
  topic?: string;
  qos?: number;
  /** Any further plain data about the event. */
  detail?: Record<string, unknown>;
}

export interface ConsoleEntry {
  kind: 'console';
  seq: number;
  time: number;
  level: 'log' | 'info' | 'warn' | 'error';
  /** The printed arguments, already formatted as text. */
  text: string;
}

/**
 * One MQTT-SN datagram between an MQTT-SN client and the sandbox's MQTT-SN gateway (MQTT-SN v1.2).
 * The gateway's own MQTT connections to the broker are recorded as ordinary `packet` entries.
 */
export interface SnPacketEntry {
  kind: 'sn-packet';
  seq: number;
  time: number;
  /** `in` = MQTT-SN client → gateway, `out` = gateway → client. */
  direction: Direction;
  /** The client's ClientId once the gateway knows it; `''` for a datagram from an unknown address (QoS -1, SEARCHGW). */
  clientId: string;
  /** The client's address on the sensor network (the in-page transport numbers them: `sn-1`, `sn-2`…). */
  address: string;
  /** The decoded message: `type` is the MsgType's name (`publish`, `register`…), binary fields as BinaryField. */
  packet: { type: string; [field: string]: unknown };
  /** The exact datagram, base64. */
  raw: string;
  /** The node whose gateway it reached, in a run with several nodes (module 5). */
  node?: string;
}

export type RecordEntry = PacketEntry | BrokerEventEntry | ConsoleEntry | SnPacketEntry;

export interface RunOutcome {
  /** How the learner's code ended. */
  status: 'completed' | 'threw' | 'timed-out' | 'stopped' | 'resource-limit';
  /** Explanation shown to the learner when status is not `completed`. */
  message?: string;
  /** Line in the learner's source where an error arose, when known. */
  line?: number;
  /** Whatever the learner's code returned (or its default export resolved to), structured-clone safe. */
  returned?: unknown;
}

export interface RunRecord {
  /** Schema version of the record format. */
  version: 1;
  startedAt: string;
  entries: RecordEntry[];
  /** How many entries the recorder left out (a flood): one 'entries-omitted' event marks where. */
  omitted?: number;
  outcome?: RunOutcome;
  /**
   * Client ids of the exercise scenario's simulated peers (sensors, a display…), set by the
   * exercise runner. Checks are about the learner's clients unless they name a peer.
   */
  peers?: string[];
}
