/** 5.0 Subscription Identifiers (§3.8.2.1.2, §3.3.2.3.8, §3.3.4) as a subscriber receives them. */
import { afterEach, describe, expect, it } from 'vitest';
import type { IPublishPacket } from 'mqtt';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { matchingIdentifiers } from '../src/subscription-identifiers.ts';
import { collect, connectClient, end, sleep } from './helpers.ts';

let broker: SandboxBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

const identifiers = (packet: IPublishPacket | undefined): number[] => {
  const value = packet?.properties?.subscriptionIdentifier as number | number[] | undefined;
  return value === undefined ? [] : [value].flat().sort((a, b) => a - b);
};

describe('subscription identifiers', () => {
  it('matchingIdentifiers: the identifiers of every matching subscription, once each', () => {
    const subscriptions = { 'a/#': { si: 7 }, 'a/+': { si: 3 }, 'a/b': {}, 'b/#': { si: 9 }, '+/b': { si: 3 } };
    expect(matchingIdentifiers(subscriptions, 'a/b')).toEqual([3, 7]);
    expect(matchingIdentifiers(subscriptions, 'b/x')).toEqual([9]);
    expect(matchingIdentifiers(subscriptions, 'c/d')).toEqual([]);
  });

  it('5.0 [MQTT-3.3.4-4] one copy of a message matching several subscriptions carries all their identifiers', async () => {
    broker = createSandboxBroker();
    const c = await connectClient(broker, { clientId: 'c' });
    const got = collect(c);
    await c.subscribeAsync('home/#', { qos: 1, properties: { subscriptionIdentifier: 1 } });
    await c.subscribeAsync('home/+/temperature', { qos: 1, properties: { subscriptionIdentifier: 2 } });
    await c.subscribeAsync('+/kitchen/#', { qos: 0 });
    const p = await connectClient(broker, { clientId: 'p' });
    await p.publishAsync('home/kitchen/temperature', '21.5', { qos: 1 });
    await p.publishAsync('home/kitchen/light', 'on', { qos: 1 });
    await p.publishAsync('home/hall/temperature', '19', { qos: 1 });
    await sleep(40);
    expect(got.map((m) => [m.topic, identifiers(m)])).toEqual([
      ['home/kitchen/temperature', [1, 2]],
      ['home/kitchen/light', [1]],
      ['home/hall/temperature', [1, 2]],
    ]);
    // Several identifiers are several properties on the wire (mqtt-packet writes one each).
    const raw = broker.recorder.entries.find((e) => e.kind === 'packet' && e.direction === 'out' && e.packet.cmd === 'publish');
    expect(raw?.kind === 'packet' && Buffer.from(raw.raw, 'base64').includes(Buffer.from([0x0b, 0x01, 0x0b, 0x02]))).toBe(true);
    await end(c, p);
  });

  it('5.0 §3.3.2.3.8 a message matching only subscriptions without an identifier carries none', async () => {
    broker = createSandboxBroker();
    const c = await connectClient(broker, { clientId: 'c' });
    const got = collect(c);
    await c.subscribeAsync('plain/#', { qos: 0 });
    await c.subscribeAsync('tagged/#', { qos: 0, properties: { subscriptionIdentifier: 5 } });
    const p = await connectClient(broker, { clientId: 'p' });
    await p.publishAsync('plain/x', '1');
    await p.publishAsync('tagged/x', '2');
    await sleep(40);
    expect(got.map((m) => [m.topic, identifiers(m)])).toEqual([['plain/x', []], ['tagged/x', [5]]]);
    await end(c, p);
  });

  it('5.0 §3.8.2.1.2 a retained message sent on subscribe carries the new subscription’s identifier', async () => {
    broker = createSandboxBroker();
    const p = await connectClient(broker, { clientId: 'p' });
    await p.publishAsync('state/door', 'closed', { qos: 1, retain: true });
    const c = await connectClient(broker, { clientId: 'c' });
    const got = collect(c);
    await c.subscribeAsync('state/#', { qos: 1, properties: { subscriptionIdentifier: 4 } });
    await c.subscribeAsync('state/door', { qos: 1, properties: { subscriptionIdentifier: 8 } });
    await sleep(40);
    expect(got.map((m) => [m.payload.toString(), m.retain, identifiers(m)])).toEqual([['closed', true, [4]], ['closed', true, [8]]]);
    await end(c, p);
  });

  it('5.0 [MQTT-3.3.4-4] a message queued for an offline session with overlapping subscriptions is sent once, with all their identifiers', async () => {
    broker = createSandboxBroker();
    const session = { clientId: 'away', clean: false, properties: { sessionExpiryInterval: 300 } };
    const first = await connectClient(broker, session);
    await first.subscribeAsync('jobs/#', { qos: 1, properties: { subscriptionIdentifier: 11 } });
    await first.subscribeAsync('jobs/urgent/+', { qos: 1, properties: { subscriptionIdentifier: 12 } });
    await end(first);
    const p = await connectClient(broker, { clientId: 'p' });
    await p.publishAsync('jobs/urgent/7', 'fix', { qos: 1 });
    const back = await connectClient(broker, session);
    const got = collect(back);
    await sleep(60);
    expect(got.map((m) => [m.topic, identifiers(m)])).toEqual([['jobs/urgent/7', [11, 12]]]);
    await end(back, p);
  });
});
