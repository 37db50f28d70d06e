/** What a link needs from the broker that owns it. */
import type { Duplex } from 'readable-stream';
import type { BrokerClock } from './clock.ts';
import type { Instruments } from './instruments.ts';
import type { Link } from './link.ts';
import type { WirePacket } from './packet-codec.ts';
import type { Direction } from './record-types.ts';
import type { AuthenticationMethod } from './enhanced-auth/method.ts';
import type { Recorder } from './recorder.ts';
import type { SandboxBrokerOptions } from './options.ts';
import type { SharedSubscriptions } from './shared-subscriptions.ts';

export interface LinkHost {
  readonly options: SandboxBrokerOptions;
  readonly clock: BrokerClock;
  readonly recorder: Recorder;
  readonly instruments: Instruments;
  readonly shares: SharedSubscriptions;
  /** Hands the broker end of the link's inner stream to aedes. */
  attachToBroker(stream: Duplex, link: Link): void;
  /** A CONNECT passed the link's checks and is about to reach aedes. */
  linkConnecting(link: Link): void;
  linkConnected(link: Link, sessionPresent: boolean): void;
  linkClosed(link: Link, wasConnected: boolean): void;
  /** True while the broker holds a session for the client id (connected, or kept after disconnect). */
  hasSession(clientId: string): boolean;
  /** Packet ids of QoS>0 PUBLISHes sent to the client's session and not yet acknowledged. */
  unacknowledged(clientId: string): Set<number>;
  /** The enhanced authentication method configured under this name (5.0 §4.12), if any. */
  authenticationMethod(name: string): AuthenticationMethod | undefined;
  countPacket(direction: Direction, packet: WirePacket, bytes: number): void;
}
