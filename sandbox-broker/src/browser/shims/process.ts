/**
 * `process` for the browser: npm `process` with `nextTick` on the microtask queue. Its own nextTick
 * drains through setTimeout(0), which browsers clamp to 4 ms when nested; streams and aedes call
 * nextTick on every packet, so that clamp would cap throughput.
 */
import process from 'process/browser.js';

process.nextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]): void => {
  queueMicrotask(() => fn(...args));
};

export default process;
