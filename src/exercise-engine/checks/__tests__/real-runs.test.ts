/** The check helpers on records of real runs: real MQTT.js against the real sandbox broker. */
import { describe, expect, it } from 'vitest';
import { runInNode } from '../../runner/run-in-node.ts';
import { connectedWith, disconnectedCleanly } from '../connection.ts';
import { delivered } from '../delivery.ts';
import { publishHandshake } from '../publish.ts';
import { subscribed } from '../subscription.ts';
import { willPublished, willPublishedAfterLinkCut } from '../will.ts';

describe('checks on real runs', () => {
  it('3.1.1 [MQTT-4.3.3-2] a real QoS 2 publish passes the QoS 2 handshake check and fails the QoS 1 one', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'q2', clean: true });
      await client.subscribeAsync('t/#', { qos: 2 });
      await client.publishAsync('t/x', 'once', { qos: 2 });
      await client.endAsync();
    `);
    expect(connectedWith({ cleanStart: true, clientIdChosen: true }).run(record).pass).toBe(true);
    expect(subscribed('t/#', { qos: 2 }).run(record).pass).toBe(true);
    expect(publishHandshake({ topic: 't/x', qos: 2 }).run(record).pass).toBe(true);
    expect(publishHandshake({ topic: 't/x', qos: 1 }).run(record).pass).toBe(false);
    expect(delivered({ topic: 't/x', payload: 'once', to: 'q2' }).run(record).pass).toBe(true);
    expect(disconnectedCleanly().run(record).pass).toBe(true);
  });

  it('3.1.1 [MQTT-3.1.2-8] a client whose link drops has its will published; one that disconnects does not', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const will = (id) => ({ clientId: id, reconnectPeriod: 0, will: { topic: 'status/' + id, payload: 'gone', qos: 0 } });
      const dropped = await mqtt.connectAsync('mqtt://sandbox', will('dropped'));
      const polite = await mqtt.connectAsync('mqtt://sandbox', will('polite'));
      await polite.endAsync();
      dropped.stream.destroy();
    `);
    expect(willPublishedAfterLinkCut({ topic: 'status/dropped' }).run(record).pass).toBe(true);
    expect(willPublished({ topic: 'status/polite' }).run(record).pass).toBe(false);
  });
});
