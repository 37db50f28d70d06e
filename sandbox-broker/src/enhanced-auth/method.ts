/**
 * MQTT 5.0 enhanced authentication (5.0 §4.12): the interface of an authentication method the
 * sandbox's links run. A method is a conversation of binary messages; MQTT only carries them
 * (CONNECT, AUTH 0x18 / 0x19, CONNACK and AUTH 0x00 as Authentication Data, 5.0 §3.1.2.11.10).
 */
export type AuthStep =
  /** The method needs another message from the client: the broker sends AUTH 0x18 with `data`. */
  | { kind: 'continue'; data: Uint8Array }
  /** Authenticated as `username`; `data` (if any) goes into the CONNACK, or the AUTH 0x00 of a re-authentication. */
  | { kind: 'success'; username: string; data?: Uint8Array }
  /** Refused: CONNACK (or, when re-authenticating, DISCONNECT) with `reasonCode`. */
  | { kind: 'failure'; reasonCode: number; reason: string };

/** One run of the method's conversation (one per CONNECT, one per re-authentication). */
export interface AuthConversation {
  /** The client's next message (from CONNECT, then from each AUTH); resolves with the broker's answer. */
  step(data: Uint8Array | undefined): Promise<AuthStep>;
}

export interface AuthenticationMethod {
  /** The Authentication Method name, as in the CONNECT property (5.0 §3.1.2.11.9). */
  readonly name: string;
  start(): AuthConversation;
}
