/**
 * One direction of a link: delivers packets in order, each no earlier than its own delay
 * allows (latency, delayNext). Like a TCP stream, a delayed packet holds back the ones after it.
 */
import type { BrokerClock } from './clock.ts';

export class Lane {
  private pending = 0;
  private lastReleaseAt = 0;

  constructor(private readonly clock: BrokerClock) {}

  push(delayMs: number, deliver: () => void): void {
    const now = this.clock.now();
    if (delayMs <= 0 && this.pending === 0) {
      deliver();
      return;
    }
    const at = Math.max(now + delayMs, this.lastReleaseAt);
    this.lastReleaseAt = at;
    this.pending++;
    this.clock.setTimer(() => {
      this.pending--;
      deliver();
    }, at - now);
  }
}
