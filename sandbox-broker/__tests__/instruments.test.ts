import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import type { PacketEntry } from '../src/record-types.ts';
import { collect, connectClient, createClient, end, events, nextMessage, sleep, waitForEntry } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

const packets = (b: SandboxBroker): PacketEntry[] => b.recorder.entries.filter((e): e is PacketEntry => e.kind === 'packet');

describe('instruments', () => {
  it('3.1.1 [MQTT-4.4.0-1] dropNext PUBACK to the publisher: after reconnecting it resends the PUBLISH with the same packet id', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { protocolVersion: 4, clientId: 'sub' });
    const got = collect(sub);
    await sub.subscribeAsync('d', { qos: 1 });
    const pub = createClient(broker, { protocolVersion: 4, clientId: 'pub', clean: false, reconnectPeriod: 20 });
    await new Promise((resolve) => pub.once('connect', resolve));
    broker.instruments.dropNext('puback', { clientId: 'pub', direction: 'out' });
    const acked = pub.publishAsync('d', 'once', { qos: 1 });
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'instrument' && e.detail?.['action'] === 'dropped');
    broker.instruments.cutLink('pub');
    await acked;
    const resent = packets(broker).filter((p) => p.clientId === 'pub' && p.direction === 'in' && p.packet.cmd === 'publish');
    // Resent with the original packet identifier. (MQTT.js leaves DUP at 0 on this resend.)
    expect(resent).toHaveLength(2);
    expect(resent[0]?.packet['messageId']).toBe(resent[1]?.packet['messageId']);
    await sleep(20);
    // QoS 1 is at least once: the subscriber may see it twice.
    expect(got.length).toBeGreaterThanOrEqual(1);
    await end(sub, pub);
  });

  it('3.1.1 [MQTT-4.4.0-1] [MQTT-3.3.1-1] dropNext PUBACK from the subscriber: the broker redelivers with DUP=1 and the same packet id', async () => {
    broker = createSandboxBroker();
    const opts = { protocolVersion: 4 as const, clientId: 'sub', clean: false };
    const sub = await connectClient(broker, opts);
    await sub.subscribeAsync('r', { qos: 1 });
    broker.instruments.dropNext('puback', { clientId: 'sub', direction: 'in' });
    const pub = await connectClient(broker, { protocolVersion: 4, clientId: 'pub' });
    const first = nextMessage(sub, 'r');
    await pub.publishAsync('r', 'again', { qos: 1 });
    await first;
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'instrument' && e.detail?.['action'] === 'dropped');
    broker.instruments.cutLink('sub');
    await sleep(10);
    const back = createClient(broker, opts);
    const again = await nextMessage(back, 'r');
    expect(again.payload.toString()).toBe('again');
    const delivered = packets(broker).filter((p) => p.clientId === 'sub' && p.direction === 'out' && p.packet.cmd === 'publish');
    expect(delivered.map((p) => p.packet['dup'])).toEqual([false, true]);
    expect(delivered[0]?.packet['messageId']).toBe(delivered[1]?.packet['messageId']);
    await end(back, pub);
  });

  it('delayNext holds one packet back on the broker clock', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const sub = await connectClient(broker, { clientId: 'sub' });
    const got = collect(sub);
    await sub.subscribeAsync('late');
    broker.instruments.delayNext('publish', 3_000, { clientId: 'sub', direction: 'out' });
    const pub = await connectClient(broker, { clientId: 'pub' });
    await pub.publishAsync('late', 'x');
    await sleep(30);
    expect(got).toHaveLength(0);
    await broker.clock.advance(3_000);
    await sleep(10);
    expect(got).toHaveLength(1);
    await end(sub, pub);
  });

  it('setLinkConditions latency delays every packet; loss is repeatable for a seed', async () => {
    const lostWith = async (seed: number): Promise<number> => {
      const b = createSandboxBroker({ seed });
      const sub = await connectClient(b, { clientId: 'sub' });
      const got = collect(sub);
      await sub.subscribeAsync('lossy');
      b.instruments.setLinkConditions('sub', { lossRate: 0.5 });
      const pub = await connectClient(b, { clientId: 'pub' });
      for (let i = 0; i < 40; i++) await pub.publishAsync('lossy', String(i));
      await sleep(30);
      await end(pub);
      await b.close();
      return got.length;
    };
    const first = await lostWith(7);
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(35);
    expect(await lostWith(7)).toBe(first);

    broker = createSandboxBroker({ clock: 'virtual' });
    const c = await connectClient(broker, { clientId: 'slow' });
    broker.instruments.setLinkConditions('slow', { latencyMs: 500 });
    const granted = c.subscribeAsync('x');
    await sleep(30);
    expect(packets(broker).some((p) => p.packet.cmd === 'subscribe')).toBe(false);
    await broker.clock.advance(500);
    await broker.clock.advance(500);
    await granted;
    await end(c);
  });

  it('restart keeping sessions: a persistent session and its queued QoS 1 message survive (3.1.1 §3.1.2.4)', async () => {
    broker = createSandboxBroker();
    const opts = { protocolVersion: 4 as const, clientId: 'keeper', clean: false };
    const sub = await connectClient(broker, opts);
    await sub.subscribeAsync('keep', { qos: 1 });
    await end(sub);
    const pub = await connectClient(broker, { protocolVersion: 4, clientId: 'pub' });
    await pub.publishAsync('keep', 'queued', { qos: 1 });
    await broker.restart({ keepSessions: true });
    expect(events(broker, 'broker-restarted')).toHaveLength(1);
    const back = createClient(broker, opts);
    const message = await nextMessage(back, 'keep');
    expect(message.payload.toString()).toBe('queued');
    expect(((back as unknown) as { connected: boolean }).connected).toBe(true);
    await end(back, pub);
  });

  it('restart losing sessions: the persistent session is gone (CONNACK session present 0)', async () => {
    broker = createSandboxBroker();
    const opts = { protocolVersion: 4 as const, clientId: 'keeper', clean: false };
    const sub = await connectClient(broker, opts);
    await sub.subscribeAsync('keep', { qos: 1 });
    await broker.restart({ keepSessions: false });
    const back = await connectClient(broker, opts);
    expect(back.connack.sessionPresent).toBe(false);
    await end(back);
  });
});

describe('$SYS topics', () => {
  it('publishes broker statistics on the broker clock', async () => {
    broker = createSandboxBroker({ clock: 'virtual', sys: { intervalMs: 10_000 } });
    await broker.ready;
    const c = await connectClient(broker, { clientId: 'stats' });
    await c.subscribeAsync('$SYS/broker/clients/connected');
    const first = await nextMessage(c, '$SYS/broker/clients/connected');
    expect(first.payload.toString()).toBe('0'); // the retained value from before this client connected
    const next = nextMessage(c, '$SYS/broker/clients/connected');
    await broker.clock.advance(10_000);
    expect((await next).payload.toString()).toBe('1');
    await end(c);
  });
});
