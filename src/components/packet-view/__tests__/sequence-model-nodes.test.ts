/** The packet view in runs with several broker nodes (module 5): each row says which node it crossed. */
import { afterAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { createNodeDemoBackend } from '../../../demos/node-backend.ts';
import { buildSequence } from '../model/sequence-model.ts';

const backend = createNodeDemoBackend({ nodes: [{ name: 'a', cluster: 'c' }, { name: 'b', cluster: 'c' }] });
afterAll(() => backend.close());

describe('buildSequence with several nodes', () => {
  it('labels every packet row and every event with its node, on a real two-node cluster', async () => {
    const client = new mqtt.MqttClient(() => backend.openLink('b') as never, { clientId: 'dash', protocolVersion: 5, reconnectPeriod: 0 });
    await new Promise((resolve) => client.once('connect', resolve));
    await client.endAsync();
    await backend.stopNode('a');
    const model = buildSequence(backend.broker.recorder.entries);
    const packets = model.rows.filter((row) => row.kind === 'packet');
    expect(packets.length).toBeGreaterThan(1);
    for (const row of packets) {
      expect(row.label.endsWith(' · node b')).toBe(true);
      expect(row.spoken).toContain('on node b');
    }
    const stopped = model.rows.find((row) => row.kind === 'event' && row.entry.event === 'node-stopped');
    expect(stopped?.kind === 'event' ? stopped.text : '').toBe('node stopped: its connections were cut, as in a crash [node a]');
  });
});
