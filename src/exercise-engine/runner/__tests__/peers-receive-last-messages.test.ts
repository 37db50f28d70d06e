/**
 * A learner that publishes at QoS 0 and ends its client at once: the broker is still forwarding
 * when the run is over. The peers must stay until those messages reached them, so the record (and
 * any check about what a peer received) shows every message. Real broker, real MQTT.js.
 */
import { describe, expect, it } from 'vitest';
import { runInNode } from '../run-in-node.ts';

const scenarioUrl = new URL('./fixtures/listening-peer-scenario.ts', import.meta.url).href;

describe('peers at the end of a run', () => {
  it('receive the QoS 0 messages the learner published just before ending', { timeout: 20_000 }, async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'burst', protocolVersion: 5 });
      for (let i = 1; i <= 20; i++) client.publish('feed/readings', String(i));
      await client.endAsync();
    `, { scenario: scenarioUrl });
    const delivered = record.entries.flatMap((e) => (e.kind === 'packet' && e.direction === 'out' && e.clientId === 'listener' && e.packet.cmd === 'publish'
      ? [(e.packet['payload'] as { utf8?: string }).utf8] : []));
    expect(delivered).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(record.outcome?.status).toBe('completed');
  });
});
