// Imported, not global: scenarios also run in the page's learner worker.
import { Buffer } from 'buffer';
import type { MqttClient } from 'mqtt';
import type { Scenario } from '../../../src/exercise-engine/runner/scenario-types.ts';

/**
 * Two kiosks that ask for prices once the service announces `online`: each sends three requests
 * at once, with its own Response Topic and Correlation Data (kiosk-1's is binary and not valid
 * UTF-8, kiosk-2's is text), plus one plain message without a Response Topic, which is not a
 * request. The kiosks match answers to requests by Correlation Data, as real requesters do.
 */
const REQUESTS: Record<string, Array<{ sku: string; correlation: Buffer }>> = {
  'kiosk-1': [
    { sku: 'A-100', correlation: Buffer.from([0x9f, 0x00, 0x01, 0xff]) },
    { sku: 'C-310', correlation: Buffer.from([0x9f, 0x00, 0x02, 0xfe]) },
    { sku: 'Z-999', correlation: Buffer.from([0x9f, 0x00, 0x03, 0xfd]) },
  ],
  'kiosk-2': [
    { sku: 'B-220', correlation: Buffer.from('k2-req-1') },
    { sku: 'A-100', correlation: Buffer.from('k2-req-2') },
    { sku: 'C-310', correlation: Buffer.from('k2-req-3') },
  ],
};

async function kiosk(lab: Parameters<Scenario>[0], id: string): Promise<MqttClient> {
  const client = await lab.connect({ clientId: id, protocolVersion: 5, clean: true });
  const replyTopic = `shop/replies/${id}`;
  await client.subscribeAsync(replyTopic, { qos: 1 });
  let asked = false;
  client.on('message', (topic, payload) => {
    if (topic !== 'shop/prices/status' || payload.toString() !== 'online' || asked) return;
    asked = true;
    for (const request of REQUESTS[id] ?? []) {
      client.publish('shop/prices/get', request.sku, { qos: 1, properties: { responseTopic: replyTopic, correlationData: request.correlation } });
    }
  });
  await client.subscribeAsync('shop/prices/status', { qos: 1 });
  return client;
}

const scenario: Scenario = async (lab) => {
  const kiosk1 = await kiosk(lab, 'kiosk-1');
  await kiosk(lab, 'kiosk-2');
  // A notice on the request topic with no Response Topic: not a request.
  kiosk1.on('message', (topic) => {
    if (topic === 'shop/prices/status') kiosk1.publish('shop/prices/get', 'price list updated', { qos: 1 });
  });
};

export default scenario;
