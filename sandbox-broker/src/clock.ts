/**
 * The broker's clock. Every protocol timer of the sandbox (keep-alive watchdog, will delay,
 * session expiry, message expiry, $SYS interval, instrument delays) runs on it, so that in
 * 'virtual' mode time only moves when `advance()` is called and tests are deterministic.
 * The real global timers are never replaced: MQTT.js clients on the same page keep real time.
 */
export type ClockMode = 'real' | 'virtual';

export interface TimerHandle {
  cancel(): void;
}

export interface BrokerClock {
  readonly mode: ClockMode;
  /** Milliseconds since the clock was created. */
  now(): number;
  /** Virtual: run every timer due within `ms`, in order. Real: wait `ms` of real time. */
  advance(ms: number): Promise<void>;
  setTimer(fn: () => void, ms: number): TimerHandle;
  /** Called after each `advance()` with the amount advanced (used to record 'clock-advanced'). */
  onAdvance?: (ms: number) => void;
}

/** One macrotask turn, so streams and aedes can react to a fired timer before the next fires. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createRealClock(): BrokerClock {
  const start = Date.now();
  const clock: BrokerClock = {
    mode: 'real',
    now: () => Date.now() - start,
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    setTimer(fn, ms) {
      const id = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(id) };
    },
  };
  return clock;
}

interface VirtualTimer {
  due: number;
  order: number;
  fn: () => void;
  cancelled: boolean;
}

export function createVirtualClock(): BrokerClock {
  let current = 0;
  let order = 0;
  let timers: VirtualTimer[] = [];
  const clock: BrokerClock = {
    mode: 'virtual',
    now: () => current,
    setTimer(fn, ms) {
      const timer: VirtualTimer = { due: current + Math.max(0, ms), order: order++, fn, cancelled: false };
      timers.push(timer);
      return {
        cancel() {
          timer.cancelled = true;
        },
      };
    },
    async advance(ms) {
      const target = current + Math.max(0, ms);
      await settle();
      for (;;) {
        timers = timers.filter((t) => !t.cancelled);
        let next: VirtualTimer | undefined;
        for (const t of timers) {
          if (t.due <= target && (!next || t.due < next.due || (t.due === next.due && t.order < next.order))) next = t;
        }
        if (!next) break;
        current = Math.max(current, next.due);
        next.cancelled = true;
        next.fn();
        await settle();
      }
      current = target;
      clock.onAdvance?.(ms);
      await settle();
    },
  };
  return clock;
}
