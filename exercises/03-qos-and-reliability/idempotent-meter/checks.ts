import { disconnectedCleanly, publishHandshake, receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { publishedOnlyAt } from '../../../src/exercise-engine/checks/reliability.ts';

/** Readings 1–8 counted once each: 120 + 95 + 130 + 110 + 105 + 140 + 90 + 125. */
const TOTAL_WH = '915';

export const checks = [
  subscribed('meters/m-17/reading', { qos: 1 }),
  // The duplicate really reached the consumer: the run shows what "at least once" means.
  receivedBy(undefined, 'meters/m-17/reading', { payload: '{"seq":3,"wh":130}', qos: 1 }),
  publishedOnlyAt('billing/m-17/total', 2, { count: 1 }),
  publishHandshake({ topic: 'billing/m-17/total', qos: 2, payload: TOTAL_WH }),
  disconnectedCleanly(),
];
