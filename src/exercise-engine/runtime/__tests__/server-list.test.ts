import { describe, expect, it } from 'vitest';
import { nodeRotation } from '../server-list.ts';

describe('nodeRotation', () => {
  it('takes the next server of the list on each connection attempt, round-robin, as mqtt.connect() does', () => {
    const next = nodeRotation({ servers: [{ host: 'a', port: 1883 }, { host: 'b', port: 1883 }] });
    expect([next(), next(), next()]).toEqual(['a', 'b', 'a']);
  });

  it('without a list, always the host of the URL (or none)', () => {
    const next = nodeRotation({}, 'node-b');
    expect([next(), next()]).toEqual(['node-b', 'node-b']);
    expect(nodeRotation({})()).toBeUndefined();
  });
});
