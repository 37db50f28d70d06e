/**
 * A broker-side bridge between two independent sandbox brokers (src/cluster/bridge.ts), as
 * mosquitto's `connection` / `address` / `topic <pattern> <dir> <qos> <local-prefix> <remote-prefix>`
 * configure it, probed with real MQTT.js clients.
 */
import { MqttClient, type IClientOptions } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgedTopic, bridgeFilters } from '../src/cluster/bridge.ts';
import { createSandboxBroker, type SandboxBroker, type SandboxBrokerOptions } from '../src/index.ts';
import type { PacketEntry } from '../src/record-types.ts';
import { collect, end, sleep } from './helpers.ts';

let lab: SandboxBroker | undefined;
afterEach(async () => {
  await lab?.close();
});

function connectedOn(node: string, options: IClientOptions): Promise<MqttClient> {
  const client = new MqttClient(() => lab!.connectLink(node).stream as never, { reconnectPeriod: 0, protocolVersion: 5, keepalive: 0, ...options });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

const SITE_TO_CLOUD: SandboxBrokerOptions = {
  nodes: [{ name: 'site' }, { name: 'cloud' }],
  bridges: [
    {
      name: 'site-bridge',
      local: 'site',
      remote: 'cloud',
      topics: [
        { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: '', remotePrefix: 'shop-7/' },
        { pattern: 'cmd/#', direction: 'in', qos: 1, localPrefix: '', remotePrefix: 'shop-7/' },
        { pattern: 'chat', direction: 'both', qos: 1 },
      ],
    },
  ],
};

describe('topic lines, as mosquitto reads them', () => {
  it('maps a local topic to the remote one by swapping prefixes, only in the configured direction', () => {
    const topics = SITE_TO_CLOUD.bridges![0]!.topics;
    expect(bridgedTopic(topics, 'local', 'sensors/t1')).toEqual({ topic: 'shop-7/sensors/t1', qos: 1 });
    expect(bridgedTopic(topics, 'remote', 'shop-7/cmd/open')).toEqual({ topic: 'cmd/open', qos: 1 });
    expect(bridgedTopic(topics, 'remote', 'shop-7/sensors/t1')).toBeUndefined();
    expect(bridgedTopic(topics, 'local', 'cmd/open')).toBeUndefined();
    expect(bridgeFilters(topics, 'local').map((f) => f.filter)).toEqual(['sensors/#', 'chat']);
    expect(bridgeFilters(topics, 'remote').map((f) => f.filter)).toEqual(['shop-7/cmd/#', 'chat']);
  });
});

describe('a bridge between two brokers', () => {
  it('forwards out topics to the remote broker under its prefix, and in topics back, each once', async () => {
    lab = createSandboxBroker(SITE_TO_CLOUD);
    await lab.ready;
    const central = await connectedOn('cloud', { clientId: 'central' });
    await central.subscribeAsync('shop-7/sensors/#', { qos: 1 });
    const atCloud = collect(central);
    const device = await connectedOn('site', { clientId: 'device' });
    await device.subscribeAsync('cmd/#', { qos: 1 });
    const atSite = collect(device);
    await device.publishAsync('sensors/t1', '20.5', { qos: 1 });
    await central.publishAsync('shop-7/cmd/open', 'now', { qos: 1 });
    await sleep(80);
    expect(atCloud.map((p) => `${p.topic} ${p.payload.toString()}`)).toEqual(['shop-7/sensors/t1 20.5']);
    expect(atSite.map((p) => `${p.topic} ${p.payload.toString()}`)).toEqual(['cmd/open now']);
    await end(central, device);
  });

  it('is recorded as its own client on both nodes, subscribing with No Local (5.0 §3.8.3.1)', async () => {
    lab = createSandboxBroker(SITE_TO_CLOUD);
    await lab.ready;
    const subscribes = lab!.recorder.entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'site-bridge' && e.packet.cmd === 'subscribe');
    expect(subscribes.map((p) => p.node).sort()).toEqual(['cloud', 'site']);
    for (const subscribe of subscribes) {
      for (const subscription of subscribe.packet['subscriptions'] as { nl: boolean }[]) expect(subscription.nl).toBe(true);
    }
  });

  it('5.0 [MQTT-3.8.3-3] a `both` topic crosses once and does not loop back', async () => {
    lab = createSandboxBroker(SITE_TO_CLOUD);
    await lab.ready;
    const here = await connectedOn('site', { clientId: 'here' });
    const there = await connectedOn('cloud', { clientId: 'there' });
    await here.subscribeAsync('chat', { qos: 1 });
    await there.subscribeAsync('chat', { qos: 1 });
    const atSite = collect(here);
    const atCloud = collect(there);
    await here.publishAsync('chat', 'hello', { qos: 1 });
    await sleep(100);
    expect(atSite.map((p) => p.payload.toString())).toEqual(['hello']);
    expect(atCloud.map((p) => p.payload.toString())).toEqual(['hello']);
    const bridged = lab!.recorder.entries.filter((e) => e.kind === 'packet' && e.clientId === 'site-bridge' && e.packet.cmd === 'publish' && e.direction === 'in');
    expect(bridged.map((e) => (e.kind === 'packet' ? e.node : ''))).toEqual(['cloud']);
    await end(here, there);
  });

  it('keeps the RETAIN flag across the bridge (Retain As Published)', async () => {
    lab = createSandboxBroker(SITE_TO_CLOUD);
    await lab.ready;
    const device = await connectedOn('site', { clientId: 'device' });
    await device.publishAsync('sensors/status', 'online', { qos: 1, retain: true });
    await sleep(50);
    const late = await connectedOn('cloud', { clientId: 'late' });
    const received = collect(late);
    await late.subscribeAsync('shop-7/sensors/status', { qos: 1 });
    await sleep(50);
    expect(received.map((p) => [p.payload.toString(), p.retain])).toEqual([['online', true]]);
    await end(device, late);
  });

  it('reconnects to the remote broker when it comes back, and forwards again', async () => {
    lab = createSandboxBroker(SITE_TO_CLOUD);
    await lab.ready;
    await lab!.stopNode?.('cloud');
    await lab!.startNode?.('cloud');
    const central = await connectedOn('cloud', { clientId: 'central' });
    await central.subscribeAsync('shop-7/#', { qos: 1 });
    const atCloud = collect(central);
    await sleep(700); // the bridge retries every 500 ms
    const device = await connectedOn('site', { clientId: 'device' });
    await device.publishAsync('sensors/t1', '19', { qos: 1 });
    await sleep(80);
    expect(atCloud.map((p) => p.payload.toString())).toEqual(['19']);
    await end(central, device);
  });
});
