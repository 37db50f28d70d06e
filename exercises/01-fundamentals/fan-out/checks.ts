import { disconnectedCleanly, published, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { receivedExactly } from '../../../src/exercise-engine/checks/fundamentals.ts';

export const checks = [
  subscribed('home/+/temperature', { client: 'dashboard' }),
  subscribed('home/#', { client: 'logger' }),
  subscribed('home/kitchen/#', { client: 'kitchen-panel' }),
  published({ topic: 'home/kitchen/temperature', payload: '21.5', client: 'sensor' }),
  published({ topic: 'home/garage/temperature', payload: '8.0', client: 'sensor' }),
  published({ topic: 'home/kitchen/humidity', payload: '48', client: 'sensor' }),
  receivedExactly('dashboard', ['home/kitchen/temperature', 'home/garage/temperature']),
  receivedExactly('logger', ['home/kitchen/temperature', 'home/garage/temperature', 'home/kitchen/humidity']),
  receivedExactly('kitchen-panel', ['home/kitchen/temperature', 'home/kitchen/humidity']),
  // One check per client, each with its own id: results are keyed by check id.
  ...['dashboard', 'logger', 'kitchen-panel', 'sensor'].map((client) => ({
    ...disconnectedCleanly({ client }),
    id: `disconnected-cleanly:${client}`,
  })),
];
