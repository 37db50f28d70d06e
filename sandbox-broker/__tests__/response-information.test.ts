/** 5.0 Request Response Information (§3.1.2.11.6) and Response Information (§3.2.2.3.15). */
import { afterEach, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { connectClient, end } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

it('5.0 §3.2.2.3.15 a client that sets Request Response Information gets the configured Response Information', async () => {
  broker = createSandboxBroker({ responseInformation: 'replies/%c' });
  const c = await connectClient(broker, { clientId: 'kiosk-4', properties: { requestResponseInformation: true } });
  expect(c.connack.properties?.responseInformation).toBe('replies/kiosk-4');
  await end(c);
});

it('5.0 [MQTT-3.1.2-28] a client that does not ask gets no Response Information', async () => {
  broker = createSandboxBroker({ responseInformation: 'replies/%c' });
  const c = await connectClient(broker, { clientId: 'quiet' });
  const asked0 = await connectClient(broker, { clientId: 'quiet-0', properties: { requestResponseInformation: false } });
  expect(c.connack.properties?.responseInformation).toBeUndefined();
  expect(asked0.connack.properties?.responseInformation).toBeUndefined();
  await end(c, asked0);
});

it('5.0 §3.1.2.11.6 a broker without Response Information configured sends none, even when asked', async () => {
  broker = createSandboxBroker();
  const c = await connectClient(broker, { clientId: 'asker', properties: { requestResponseInformation: true } });
  expect(c.connack.properties?.responseInformation).toBeUndefined();
  await end(c);
});
