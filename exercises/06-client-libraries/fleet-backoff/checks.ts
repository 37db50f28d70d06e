import { attemptsSpreadOut, backedOffDuringOutage, keptTryingThroughOutage } from '../../../src/exercise-engine/checks/reconnection.ts';
import { disconnectedCleanly } from '../../../src/exercise-engine/checks/index.ts';

export const checks = [
  keptTryingThroughOutage({ min: 3 }),
  backedOffDuringOutage({ ratio: 1.5 }),
  attemptsSpreadOut({ minSpreadMs: 100 }),
  disconnectedCleanly(),
];
