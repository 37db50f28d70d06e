/**
 * A QoS 2 message queued for an offline persistent session must reach it at the QoS its
 * subscription was granted. Order is not asserted: the ordering guarantee covers messages of the
 * same topic AND the same QoS from one client (3.1.1 [MQTT-4.6.0-6], 5.0 §4.6), and these two
 * were published at different QoS.
 */
import { expect, test } from 'vitest';
import { createSandboxBroker } from '../src/index.ts';
import { collect, connectClient, sleep } from './helpers.ts';

const SESSION = { clientId: 'worker', clean: false, properties: { sessionExpiryInterval: 300 } } as const;

test('3.1.1 [MQTT-3.8.4-6] / 5.0 §3.8.4: a message queued while the subscriber was offline is delivered at the granted QoS, whatever QoS it was published at', async () => {
  const broker = createSandboxBroker({});
  await broker.ready;
  const first = await connectClient(broker, SESSION);
  await first.subscribeAsync('shop/orders', { qos: 1 });
  await first.endAsync();

  const shop = await connectClient(broker, { clientId: 'shop' });
  await shop.publishAsync('shop/orders', 'at-qos-1', { qos: 1 });
  await shop.publishAsync('shop/orders', 'at-qos-2', { qos: 2 });
  await shop.endAsync();

  const worker = await connectClient(broker, SESSION);
  const received = collect(worker);
  await sleep(200);
  await worker.endAsync();
  await broker.close();

  expect(received.map((packet) => `${String(packet.payload)} QoS ${packet.qos}`).sort()).toEqual(['at-qos-1 QoS 1', 'at-qos-2 QoS 1']);
});
