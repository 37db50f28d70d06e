/**
 * Several broker nodes behind the worker protocol (module 5), end to end in Node over
 * MessageChannels: links to a named node, a node stopped by the host and by a connector (what an
 * exercise's scenario uses), and the node of every entry in the live record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { serveSandboxBroker } from '../src/worker/broker-service.ts';
import { connectBrokerHost, type BrokerHost } from '../src/browser/host-connection.ts';
import { brokerNodeStreamBuilder, controlNode } from '../src/browser/client-stream.ts';
import type { PacketEntry, RecordEntry } from '../src/record-types.ts';
import { nodeChannel } from './node-ports.ts';

const hosts: BrokerHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.terminate();
});

function startCluster(): { host: BrokerHost; live: RecordEntry[] } {
  const { port1, port2 } = nodeChannel();
  serveSandboxBroker(port1);
  port1.start();
  const { host } = connectBrokerHost(port2, { nodes: [{ name: 'a', cluster: 'c' }, { name: 'b', cluster: 'c' }] }, () => port2.close());
  port2.start();
  hosts.push(host);
  const live: RecordEntry[] = [];
  host.onEntry((entry) => live.push(entry));
  return { host, live };
}

function connectTo(open: (node?: string) => unknown, node: string, clientId: string): Promise<mqtt.MqttClient> {
  const client = new mqtt.MqttClient(() => open(node) as never, { clientId, protocolVersion: 5, reconnectPeriod: 0 });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

const closed = (client: mqtt.MqttClient): Promise<void> => new Promise((resolve) => client.once('close', () => resolve()));

describe('several nodes behind the broker worker protocol', () => {
  it('links to the node a connector names, and every live entry carries its node', async () => {
    const { host, live } = startCluster();
    const open = brokerNodeStreamBuilder(host.openClientPort());
    const subscriber = await connectTo(open, 'b', 'sub');
    await subscriber.subscribeAsync('x/#', { qos: 1 });
    const publisher = await connectTo(open, 'a', 'pub');
    const message = new Promise<string>((resolve) => subscriber.once('message', (_topic, payload) => resolve(payload.toString())));
    await publisher.publishAsync('x/1', 'across', { qos: 1 });
    expect(await message).toBe('across');
    await expect.poll(() => live.some((e) => e.kind === 'packet' && e.clientId === 'sub' && e.packet.cmd === 'publish')).toBe(true);
    const delivered = live.find((e): e is PacketEntry => e.kind === 'packet' && e.clientId === 'sub' && e.packet.cmd === 'publish');
    expect(delivered?.node).toBe('b');
    await Promise.all([subscriber.endAsync(), publisher.endAsync()]);
  });

  it('the host stops and starts a node; a connector can too (a scenario\'s stopNode)', async () => {
    const { host } = startCluster();
    const connector = host.openClientPort();
    const open = brokerNodeStreamBuilder(connector);
    const onA = await connectTo(open, 'a', 'one');
    const cut = closed(onA);
    await host.stopNode('a');
    await cut;
    await host.startNode('a');
    const again = await connectTo(open, 'a', 'two');
    const cutAgain = closed(again);
    await controlNode(connector, 'stop-node', 'a');
    await cutAgain;
    const record = await host.snapshot();
    expect(record.entries.filter((e) => e.kind === 'event' && (e.event === 'node-stopped' || e.event === 'node-started')).map((e) => (e.kind === 'event' ? `${e.event} ${e.node}` : ''))).toEqual([
      'node-stopped a',
      'node-started a',
      'node-stopped a',
    ]);
    onA.end(true);
    again.end(true);
  });

  it('a broker without nodes answers a stop request with a clear error', async () => {
    const { port1, port2 } = nodeChannel();
    serveSandboxBroker(port1);
    port1.start();
    const { host } = connectBrokerHost(port2, {}, () => port2.close());
    port2.start();
    hosts.push(host);
    await expect(host.stopNode('a')).rejects.toThrow(/no nodes to stop or start/);
  });
});
