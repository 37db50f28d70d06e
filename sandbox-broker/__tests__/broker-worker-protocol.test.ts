import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { serveSandboxBroker } from '../src/worker/broker-service.ts';
import { connectBrokerHost, type BrokerHost } from '../src/browser/host-connection.ts';
import { brokerStreamBuilder } from '../src/browser/client-stream.ts';
import type { SandboxBrokerOptions } from '../src/index.ts';
import type { RecordEntry } from '../src/record-types.ts';
import { nodeChannel } from './node-ports.ts';

/** The worker protocol end to end in Node: the service on one port of a channel, the host on the other. */
function startHost(options: SandboxBrokerOptions): { host: BrokerHost; live: RecordEntry[]; cleared: () => number } {
  const { port1, port2 } = nodeChannel();
  serveSandboxBroker(port1);
  port1.start();
  const { host } = connectBrokerHost(port2, options, () => port2.close());
  port2.start();
  const live: RecordEntry[] = [];
  let clearedCount = 0;
  host.onEntry((entry) => live.push(entry));
  host.onCleared(() => {
    clearedCount += 1;
    live.length = 0;
  });
  return { host, live, cleared: () => clearedCount };
}

async function connect(port: MessagePort, clientId: string, extra: Partial<mqtt.IClientOptions> = {}): Promise<mqtt.MqttClient> {
  const client = new mqtt.MqttClient(brokerStreamBuilder(port), { clientId, protocolVersion: 5, reconnectPeriod: 0, ...extra });
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  return client;
}

const messageOn = (client: mqtt.MqttClient, topic: string): Promise<string> =>
  new Promise((resolve) => {
    client.on('message', (received, payload) => {
      if (received === topic) resolve(payload.toString());
    });
  });

describe('the broker worker protocol (service and host over a MessageChannel)', () => {
  const hosts: BrokerHost[] = [];
  afterEach(() => {
    for (const host of hosts.splice(0)) host.terminate();
  });
  const started = (options: SandboxBrokerOptions = {}) => {
    const started = startHost({ sys: false, ...options });
    hosts.push(started.host);
    return started;
  };

  it('streams every packet of a connection to the host, matching the snapshot', async () => {
    const { host, live } = started();
    const client = await connect(host.openClientPort(), 'streamer');
    await client.publishAsync('lab/x', 'payload', { qos: 1 });
    await client.endAsync();
    const record = await host.snapshot();
    await expect.poll(() => live.length).toBe(record.entries.length);
    expect(live).toEqual(record.entries);
    const packets = record.entries.flatMap((entry) => (entry.kind === 'packet' ? [`${entry.direction} ${entry.packet.cmd}`] : []));
    expect(packets).toEqual(['in connect', 'out connack', 'in publish', 'out puback', 'in disconnect']);
  });

  it('3.1.1 [MQTT-3.1.2-8] closing a client port drops its connections, so the broker publishes their wills', async () => {
    const { host } = started();
    const watcher = await connect(host.openClientPort(), 'watcher');
    await watcher.subscribeAsync('lab/status/#', { qos: 1 });
    const learnerPort = host.openClientPort();
    await connect(learnerPort, 'learner', { will: { topic: 'lab/status/learner', payload: Buffer.from('offline'), qos: 1, retain: false } });
    const will = messageOn(watcher, 'lab/status/learner');
    await host.closeClientPort(learnerPort);
    expect(await will).toBe('offline');
    await watcher.endAsync();
  });

  it('closing a client port says how many connections were still open: none once every client has ended', async () => {
    const { host } = started();
    const endedPort = host.openClientPort();
    const ended = await connect(endedPort, 'ended');
    await ended.endAsync();
    await expect.poll(async () => (await host.snapshot()).entries.some((entry) => entry.kind === 'event' && entry.event === 'client-disconnected')).toBe(true);
    // The broker's end of the link closes a few turns after the DISCONNECT is recorded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await host.closeClientPort(endedPort)).toBe(0);
    const openPort = host.openClientPort();
    await connect(openPort, 'still-open');
    await connect(openPort, 'also-open');
    expect(await host.closeClientPort(openPort)).toBe(2);
  });

  it('runs instruments in the worker: cutLink returns the link ids cut and is recorded', async () => {
    const { host } = started();
    const client = await connect(host.openClientPort(), 'victim');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const cut = await host.instrument('cutLink', 'victim');
    expect(cut).toEqual([expect.any(Number)]);
    await closed;
    const record = await host.snapshot();
    expect(record.entries.some((entry) => entry.kind === 'event' && entry.event === 'instrument' && entry.reason === 'cutLink')).toBe(true);
    client.end(true);
  });

  it('advances the virtual clock on request', async () => {
    const { host } = started({ clock: 'virtual' });
    await host.log('info', 'before');
    await host.advanceClock(5_000);
    await host.log('info', 'after');
    const times = (await host.snapshot()).entries.flatMap((entry) => (entry.kind === 'console' ? [entry.time] : []));
    expect(times).toEqual([0, 5_000]);
  });

  it('reset gives a fresh broker and record; connectors opened before keep working', async () => {
    const { host, live, cleared } = started();
    const port = host.openClientPort();
    const first = await connect(port, 'before-reset');
    await first.subscribeAsync('lab/#');
    await host.reset({ sys: false, maximumQoS: 1 });
    await expect.poll(cleared).toBe(1);
    const second = await connect(port, 'after-reset');
    const granted = await second.subscribeAsync('lab/#', { qos: 2 });
    expect(granted[0]?.qos).toBe(1);
    const record = await host.snapshot();
    expect(record.entries.some((entry) => entry.kind === 'packet' && entry.clientId === 'before-reset')).toBe(false);
    await expect.poll(() => live.length).toBe(record.entries.length);
    first.end(true);
    await second.endAsync();
  });

  it('carries a burst of 3000 QoS 0 messages without stalling: backpressure is released at every layer', async () => {
    const { host } = started();
    const port = host.openClientPort();
    const subscriber = await connect(port, 'burst-sub');
    const publisher = await connect(port, 'burst-pub');
    await subscriber.subscribeAsync('lab/burst', { qos: 0 });
    let received = 0;
    const all = new Promise<void>((resolve) => {
      subscriber.on('message', () => {
        received += 1;
        if (received === 3000) resolve();
      });
    });
    for (let i = 0; i < 3000; i += 1) publisher.publish('lab/burst', 'x'.repeat(100), { qos: 0 });
    await all;
    await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  });

  it('rejects a request the broker cannot serve with the broker error', async () => {
    const { host } = started();
    await expect(host.closeClientPort(new MessageChannel().port1)).rejects.toThrow('not a port opened by this broker host');
  });
});
