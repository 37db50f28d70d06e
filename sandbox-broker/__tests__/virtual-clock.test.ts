import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, createClient, end, events, nextMessage, sleep, waitForEntry } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('timers on the virtual clock', () => {
  it('3.1.1 [MQTT-3.1.2-24] closes a silent connection after 1.5 × keep-alive, and the will fires', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const watcher = await connectClient(broker, { protocolVersion: 4, clientId: 'w' });
    await watcher.subscribeAsync('gone');
    // keepalive 10 s; MQTT.js would ping on real time, which does not move here.
    const silent = await connectClient(broker, { protocolVersion: 4, clientId: 'silent', keepalive: 10, will: { topic: 'gone', payload: Buffer.from('silent'), qos: 0, retain: false } });
    const will = nextMessage(watcher, 'gone');
    await broker.clock.advance(14_999);
    expect(silent.connected).toBe(true);
    await broker.clock.advance(2);
    expect((await will).payload.toString()).toBe('silent');
    const closed = events(broker, 'client-disconnected').find((e) => e.kind === 'event' && e.clientId === 'silent');
    expect(closed?.kind === 'event' && closed.reason).toBe('keep-alive timeout (1.5 × 10 s)');
    await end(watcher);
  });

  it('5.0 [MQTT-3.1.2-22] sends DISCONNECT 0x8D (Keep Alive timeout) before closing', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'k5', keepalive: 4 });
    const disconnect = new Promise<number | undefined>((resolve) => client.once('disconnect', (packet) => resolve(packet.reasonCode)));
    await broker.clock.advance(6_001);
    expect(await disconnect).toBe(0x8d);
  });

  it('5.0 §3.2.2.3.14 Server Keep Alive: the broker imposes its limit and times out on it', async () => {
    broker = createSandboxBroker({ clock: 'virtual', serverKeepAlive: 20 });
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'ska', keepalive: 0 });
    expect(client.connack.properties?.serverKeepAlive).toBe(20);
    await broker.clock.advance(29_000);
    expect(client.connected).toBe(true);
    await broker.clock.advance(2_000);
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'client-disconnected');
  });

  it('5.0 §3.1.3.2.2 Will Delay Interval: the will is published only after the delay', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const watcher = await connectClient(broker, { protocolVersion: 5, clientId: 'w' });
    await watcher.subscribeAsync('will/t');
    const got = collect(watcher);
    await connectClient(broker, { protocolVersion: 5, clientId: 'd', properties: { sessionExpiryInterval: 60 }, will: { topic: 'will/t', payload: Buffer.from('bye'), qos: 0, retain: false, properties: { willDelayInterval: 5 } } });
    broker.instruments.cutLink('d');
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'will-scheduled');
    await broker.clock.advance(4_900);
    await sleep(20);
    expect(got).toHaveLength(0);
    await broker.clock.advance(200);
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'will-published');
    await sleep(20);
    expect(got.map((p) => p.payload.toString())).toEqual(['bye']);
    await end(watcher);
  });

  it('5.0 [MQTT-3.1.3-9] a reconnect within the Will Delay Interval cancels the will', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const watcher = await connectClient(broker, { protocolVersion: 5, clientId: 'w' });
    await watcher.subscribeAsync('will/t');
    const got = collect(watcher);
    const will = { topic: 'will/t', payload: Buffer.from('bye'), qos: 0 as const, retain: false, properties: { willDelayInterval: 5 } };
    await connectClient(broker, { protocolVersion: 5, clientId: 'd', clean: false, properties: { sessionExpiryInterval: 60 }, will });
    broker.instruments.cutLink('d');
    await broker.clock.advance(2_000);
    const again = await connectClient(broker, { protocolVersion: 5, clientId: 'd', clean: false, properties: { sessionExpiryInterval: 60 } });
    await broker.clock.advance(10_000);
    await sleep(20);
    expect(got).toHaveLength(0);
    expect(events(broker, 'will-published')).toHaveLength(0);
    await end(watcher, again);
  });

  it('5.0 §3.1.2.11.2 Session Expiry Interval: a session survives until the interval elapses, then ends', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const opts = { protocolVersion: 5 as const, clientId: 'persist', clean: false, properties: { sessionExpiryInterval: 30 } };
    const first = await connectClient(broker, opts);
    await first.subscribeAsync('q/t', { qos: 1 });
    await end(first);
    await broker.clock.advance(29_000);
    const second = await connectClient(broker, opts);
    expect(second.connack.sessionPresent).toBe(true);
    await end(second);
    await broker.clock.advance(30_001);
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'session-expired');
    await sleep(20);
    const third = await connectClient(broker, opts);
    expect(third.connack.sessionPresent).toBe(false);
    await end(third);
  });

  it('5.0 §3.14.2.2.2 a DISCONNECT with Session Expiry Interval 0 ends a session CONNECT made persistent', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const opts = { protocolVersion: 5 as const, clientId: 'bye', clean: false, properties: { sessionExpiryInterval: 300 } };
    const first = await connectClient(broker, opts);
    await first.subscribeAsync('t', { qos: 1 });
    await new Promise<void>((resolve) => first.end(false, { properties: { sessionExpiryInterval: 0 } }, () => resolve()));
    await sleep(20);
    const again = await connectClient(broker, opts);
    expect(again.connack.sessionPresent).toBe(false);
    await end(again);
  });

  it('5.0 [MQTT-3.3.2-5] drops a queued message whose Message Expiry Interval elapsed', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const opts = { protocolVersion: 5 as const, clientId: 'offline', clean: false, properties: { sessionExpiryInterval: 300 } };
    const sub = await connectClient(broker, opts);
    await sub.subscribeAsync('exp/t', { qos: 1 });
    await end(sub);
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    await pub.publishAsync('exp/t', 'short', { qos: 1, properties: { messageExpiryInterval: 5 } });
    await pub.publishAsync('exp/t', 'long', { qos: 1, properties: { messageExpiryInterval: 100 } });
    await broker.clock.advance(10_000);
    const client = createClient(broker, opts);
    const long = await nextMessage(client, 'exp/t');
    expect(long.payload.toString()).toBe('long');
    // [MQTT-3.3.2-6]: the interval is decremented by the time the message waited.
    expect(long.properties?.messageExpiryInterval).toBe(90);
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'message-expired');
    await end(client, pub);
  });
  it('5.0 [MQTT-3.3.2-5] a 3.1.1 subscriber gets no message whose expiry elapsed on the broker clock (retained and queued)', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const legacy = { protocolVersion: 4 as const, clientId: 'legacy', clean: false };
    const offline = await connectClient(broker, legacy);
    await offline.subscribeAsync('exp/q', { qos: 1 });
    await end(offline);
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    await pub.publishAsync('exp/q', 'queued', { qos: 1, properties: { messageExpiryInterval: 5 } });
    await pub.publishAsync('exp/r', 'retained', { qos: 1, retain: true, properties: { messageExpiryInterval: 5 } });
    await broker.clock.advance(6_000);
    const back = createClient(broker, legacy);
    const got = collect(back);
    await new Promise((resolve) => back.once('connect', resolve));
    await back.subscribeAsync('exp/r', { qos: 1 });
    await sleep(50);
    expect(got.map((p) => p.payload.toString())).toEqual([]);
    expect(events(broker, 'message-expired').map((e) => e.kind === 'event' && e.topic).sort()).toEqual(['exp/q', 'exp/r']);
    await end(back, pub);
  });

  it('5.0 §3.3.2.3.3 expiry follows the broker clock, not real time: a virtual second that has not passed keeps the message alive', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    await pub.publishAsync('exp/slow', 'still here', { qos: 1, retain: true, properties: { messageExpiryInterval: 1 } });
    await sleep(1_100); // real time passes; the broker clock does not
    for (const protocolVersion of [4, 5] as const) {
      const sub = await connectClient(broker, { protocolVersion, clientId: `sub-${protocolVersion}` });
      const got = collect(sub);
      await sub.subscribeAsync('exp/slow', { qos: 1 });
      await sleep(30);
      expect(got.map((p) => p.payload.toString())).toEqual(['still here']);
      await end(sub);
    }
    expect(events(broker, 'message-expired')).toEqual([]);
    await end(pub);
  });
});
