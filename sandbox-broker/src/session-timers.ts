/**
 * Wills (with 5.0 Will Delay Interval) and 5.0 Session Expiry, timed on the broker clock.
 * aedes is never given a will or an expiring session (see Link.onConnect), so these are the
 * only timers that publish wills and end sessions.
 */
import type { TimerHandle, BrokerClock } from './clock.ts';
import type { WillMessage } from './link.ts';
import type { Recorder } from './recorder.ts';

const NEVER_EXPIRES = 0xffffffff;

export interface SessionActions {
  /** Publishes a will (after the ACL check) on behalf of the client that left it. */
  publishWill(clientId: string, username: string | undefined, will: WillMessage): void;
  /** Ends a session in aedes (subscriptions and queued messages are discarded). */
  endSession(clientId: string): Promise<void>;
}

interface PendingWill {
  will: WillMessage;
  username: string | undefined;
  timer: TimerHandle;
}

export class SessionTimers {
  private readonly wills = new Map<string, PendingWill>();
  private readonly expiries = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: BrokerClock,
    private readonly recorder: Recorder,
    private readonly actions: SessionActions,
  ) {}

  /**
   * A connection ended without a DISCONNECT that discards the will: publish it now, or after
   * min(Will Delay Interval, Session Expiry Interval) (5.0 §3.1.3.2.2).
   */
  willAfterClose(clientId: string, username: string | undefined, will: WillMessage, delaySeconds: number): void {
    this.cancelWill(clientId);
    if (delaySeconds <= 0) {
      this.actions.publishWill(clientId, username, will);
      return;
    }
    this.recorder.event({ event: 'will-scheduled', clientId, topic: will.topic, reason: `will delay ${delaySeconds} s`, detail: { delaySeconds } });
    const timer = this.clock.setTimer(() => {
      this.wills.delete(clientId);
      this.actions.publishWill(clientId, username, will);
    }, delaySeconds * 1000);
    this.wills.set(clientId, { will, username, timer });
  }

  /** A new connection for the client id: [MQTT-3.1.3-9] a resumed session cancels a delayed will; a clean start ends the old session, which sends it. */
  reconnected(clientId: string, cleanStart: boolean): void {
    this.expiries.get(clientId)?.cancel();
    this.expiries.delete(clientId);
    const pending = this.wills.get(clientId);
    if (!pending) return;
    this.cancelWill(clientId);
    if (cleanStart) this.actions.publishWill(clientId, pending.username, pending.will);
    else this.recorder.event({ event: 'session-resumed', clientId, reason: 'reconnected within the will delay: will not sent' });
  }

  /** Starts the 5.0 Session Expiry Interval countdown for a disconnected session. */
  sessionAfterClose(clientId: string, expirySeconds: number): void {
    if (expirySeconds <= 0 || expirySeconds >= NEVER_EXPIRES) return;
    this.expiries.get(clientId)?.cancel();
    const timer = this.clock.setTimer(() => {
      this.expiries.delete(clientId);
      // The session ends: a will still waiting for its delay is sent now (5.0 §3.1.3.2.2).
      const pending = this.wills.get(clientId);
      if (pending) {
        this.cancelWill(clientId);
        this.actions.publishWill(clientId, pending.username, pending.will);
      }
      this.recorder.event({ event: 'session-expired', clientId, reason: `session expiry interval ${expirySeconds} s elapsed` });
      void this.actions.endSession(clientId);
    }, expirySeconds * 1000);
    this.expiries.set(clientId, timer);
  }

  /** Drops every pending timer (restart without sessions, close). */
  clear(): void {
    for (const pending of this.wills.values()) pending.timer.cancel();
    for (const timer of this.expiries.values()) timer.cancel();
    this.wills.clear();
    this.expiries.clear();
  }

  private cancelWill(clientId: string): void {
    this.wills.get(clientId)?.timer.cancel();
    this.wills.delete(clientId);
  }
}
