import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { connectClient, end, events, nextMessage, waitForEntry } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('links and the recorder', () => {
  it.each([4, 5] as const)('a publish reaches a subscriber over in-memory links (protocol level %i)', async (protocolVersion) => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { protocolVersion, clientId: 'sub' });
    const pub = await connectClient(broker, { protocolVersion, clientId: 'pub' });
    await sub.subscribeAsync('t/1', { qos: 1 });
    const received = nextMessage(sub, 't/1');
    await pub.publishAsync('t/1', 'hello', { qos: 1 });
    expect((await received).payload.toString()).toBe('hello');
    await end(sub, pub);
  });

  it('a burst of 5,000 QoS 0 publishes all arrive: backpressure holds through the link, nothing stalls', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { protocolVersion: 4, clientId: 'sub' });
    await sub.subscribeAsync('burst');
    const pub = await connectClient(broker, { protocolVersion: 4, clientId: 'pub' });
    let got = 0;
    const all = new Promise<void>((resolve) => sub.on('message', () => ++got === 5000 && resolve()));
    for (let i = 0; i < 5000; i++) pub.publish('burst', Buffer.alloc(100));
    await all;
    expect(got).toBe(5000);
    await end(sub, pub);
  });

  it('records every packet in both directions with decoded fields and raw bytes', async () => {
    broker = createSandboxBroker();
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'rec' });
    await client.subscribeAsync('a/b', { qos: 1 });
    await client.publishAsync('a/b', 'x', { qos: 1 });
    await waitForEntry(broker, (e) => e.kind === 'packet' && e.direction === 'out' && e.packet.cmd === 'publish');
    const packets = broker.recorder.entries.flatMap((e) => (e.kind === 'packet' ? [`${e.direction}:${e.packet.cmd}`] : []));
    expect(packets.slice(0, 4)).toEqual(['in:connect', 'out:connack', 'in:subscribe', 'out:suback']);
    expect(packets).toContain('in:publish');
    expect(packets).toContain('out:puback');
    const publish = broker.recorder.entries.find((e) => e.kind === 'packet' && e.direction === 'in' && e.packet.cmd === 'publish');
    expect(publish?.kind === 'packet' && publish.packet['payload']).toEqual({ base64: 'eA==', utf8: 'x' });
    expect(publish?.kind === 'packet' && publish.clientId).toBe('rec');
    const snapshot = broker.recorder.snapshot();
    expect(structuredClone(snapshot)).toEqual(JSON.parse(JSON.stringify(snapshot)));
    expect(snapshot.entries.length).toBe(broker.recorder.entries.length);
    await end(client);
  });

  it('cutLink closes the link abruptly and the will fires (3.1.1 [MQTT-3.1.2-8])', async () => {
    broker = createSandboxBroker();
    const watcher = await connectClient(broker, { protocolVersion: 4, clientId: 'watcher' });
    await watcher.subscribeAsync('status/dev', { qos: 1 });
    await connectClient(broker, { protocolVersion: 4, clientId: 'dev', will: { topic: 'status/dev', payload: Buffer.from('offline'), qos: 1, retain: false } });
    const will = nextMessage(watcher, 'status/dev');
    broker.instruments.cutLink('dev');
    expect((await will).payload.toString()).toBe('offline');
    const disconnected = events(broker, 'client-disconnected').find((e) => e.kind === 'event' && e.clientId === 'dev');
    expect(disconnected?.kind === 'event' && disconnected.reason).toBe('link cut by instrument');
    expect(events(broker, 'will-published')).toHaveLength(1);
    await end(watcher);
  });

  it('a client DISCONNECT discards the will (3.1.1 [MQTT-3.1.2-10])', async () => {
    broker = createSandboxBroker();
    const watcher = await connectClient(broker, { protocolVersion: 4, clientId: 'watcher' });
    await watcher.subscribeAsync('status/dev');
    const dev = await connectClient(broker, { protocolVersion: 4, clientId: 'dev', will: { topic: 'status/dev', payload: Buffer.from('offline'), qos: 0, retain: false } });
    await end(dev);
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'client-disconnected' && e.clientId === 'dev');
    expect(events(broker, 'will-published')).toHaveLength(0);
    const reason = events(broker, 'client-disconnected')[0];
    expect(reason?.kind === 'event' && reason.reason).toBe('client DISCONNECT');
    await end(watcher);
  });

  it('5.0 §3.14.2.1 DISCONNECT with reason 0x04 (Disconnect with Will Message) publishes the will', async () => {
    broker = createSandboxBroker();
    const watcher = await connectClient(broker, { protocolVersion: 5, clientId: 'watcher' });
    await watcher.subscribeAsync('status/dev');
    const dev = await connectClient(broker, { protocolVersion: 5, clientId: 'dev', will: { topic: 'status/dev', payload: Buffer.from('left'), qos: 0, retain: false } });
    const will = nextMessage(watcher, 'status/dev');
    dev.end(false, { reasonCode: 0x04 });
    expect((await will).payload.toString()).toBe('left');
    await end(watcher);
  });
});
