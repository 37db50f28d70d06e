import { connectedWith, disconnectedCleanly, printed, receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { connectAttemptsAtMost, connectionRefused } from '../../../src/exercise-engine/checks/security.ts';

export const checks = [
  connectionRefused({ codes: [0x86] }),
  printed(/\b134\b|0x86/),
  connectedWith({ protocolVersion: 5 }),
  connectAttemptsAtMost(2),
  receivedBy('collector', 'site/meters/meter-12/reading', { payload: '42.7' }),
  disconnectedCleanly(),
];
