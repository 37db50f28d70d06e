/**
 * CONNACK Session Present: 1 whenever the broker holds a session for the client id and the
 * client asked to resume it, even a session without subscriptions (aedes derives the flag from
 * stored subscriptions alone). 3.1.1 [MQTT-3.2.2-1..3], 5.0 [MQTT-3.2.2-2], [MQTT-3.2.2-3].
 */
import type { IClientOptions } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { connectClient, end, sleep, waitForEntry } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

const V311_RESUME: IClientOptions = { protocolVersion: 4, clientId: 'keeper', clean: false };
const V5_RESUME: IClientOptions = { protocolVersion: 5, clientId: 'keeper', clean: false, properties: { sessionExpiryInterval: 300 } };

async function sessionPresentOnReconnect(first: IClientOptions, second: IClientOptions, between?: () => Promise<void>): Promise<boolean> {
  const client = await connectClient(broker, first);
  await end(client);
  await sleep(10);
  await between?.();
  const again = await connectClient(broker, second);
  const present = again.connack.sessionPresent;
  await end(again);
  return present;
}

describe('CONNACK Session Present', () => {
  it('3.1.1 [MQTT-3.2.2-2] is 1 when a stored session without subscriptions is resumed', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect(V311_RESUME, V311_RESUME)).toBe(true);
  });

  it('5.0 [MQTT-3.2.2-3] is 1 when a stored session without subscriptions is resumed (Clean Start 0)', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect(V5_RESUME, V5_RESUME)).toBe(true);
  });

  it('5.0 [MQTT-3.2.2-3] is 1 when the session is taken over while still connected', async () => {
    broker = createSandboxBroker();
    const first = await connectClient(broker, V5_RESUME);
    const second = await connectClient(broker, V5_RESUME);
    expect(second.connack.sessionPresent).toBe(true);
    await end(first, second);
  });

  it('3.1.1 [MQTT-3.2.2-3] is 0 when the earlier connection used CleanSession 1 (its session ended with it)', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect({ ...V311_RESUME, clean: true }, V311_RESUME)).toBe(false);
  });

  it('3.1.1 [MQTT-3.2.2-1] is 0 on CleanSession 1 even when a session was stored', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect(V311_RESUME, { ...V311_RESUME, clean: true })).toBe(false);
  });

  it('5.0 [MQTT-3.2.2-2] is 0 on Clean Start 1 even when a session was stored', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect(V5_RESUME, { ...V5_RESUME, clean: true })).toBe(false);
  });

  it('5.0 [MQTT-3.2.2-3] is 0 when the earlier session had Session Expiry Interval 0', async () => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect({ ...V5_RESUME, properties: {} }, V5_RESUME)).toBe(false);
  });

  it('5.0 [MQTT-3.2.2-3] is 0 after the Session Expiry Interval elapsed', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const expiring = { ...V5_RESUME, properties: { sessionExpiryInterval: 30 } };
    const present = await sessionPresentOnReconnect(expiring, expiring, async () => {
      await broker.clock.advance(30_001);
      await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'session-expired');
      await sleep(20);
    });
    expect(present).toBe(false);
  });

  it.each([
    { keepSessions: true, present: true },
    { keepSessions: false, present: false },
  ])('3.1.1 [MQTT-3.2.2-2] / [MQTT-3.2.2-3] after a broker restart with keepSessions $keepSessions it is $present', async ({ keepSessions, present }) => {
    broker = createSandboxBroker();
    expect(await sessionPresentOnReconnect(V311_RESUME, V311_RESUME, () => broker.restart({ keepSessions }))).toBe(present);
  });
});
