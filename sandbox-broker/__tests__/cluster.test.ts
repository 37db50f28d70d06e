/**
 * A cluster of sandbox broker nodes in one process (src/cluster/broker-lab.ts), probed with real
 * MQTT.js clients: state shared across nodes, takeover across nodes, a node stopped and a client
 * resuming its session on another, every record entry naming its node.
 */
import { MqttClient, type IClientOptions, type IPublishPacket } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import type { PacketEntry, RecordEntry } from '../src/record-types.ts';
import { collect, end, nextMessage, sleep, waitForEntry } from './helpers.ts';

let lab: SandboxBroker;
afterEach(async () => {
  await lab.close();
});

const THREE_NODES = { nodes: [{ name: 'a', cluster: 'c' }, { name: 'b', cluster: 'c' }, { name: 'c', cluster: 'c' }] };

/** A client on one node; `servers` instead makes each (re)connect try the next node in turn, as MQTT.js does with its `servers` option. */
function clientOn(node: string | string[], options: IClientOptions = {}): MqttClient {
  const servers = Array.isArray(node) ? node : [node];
  let attempt = 0;
  return new MqttClient(() => lab.connectLink(servers[attempt++ % servers.length]).stream as never, { reconnectPeriod: 0, protocolVersion: 5, keepalive: 0, ...options });
}

function connected(client: MqttClient): Promise<MqttClient & { sessionPresent: boolean }> {
  return new Promise((resolve, reject) => {
    client.once('connect', (connack) => resolve(Object.assign(client, { sessionPresent: connack.sessionPresent })));
    client.once('error', reject);
  });
}

const packetsOf = (entries: RecordEntry[], cmd: string, clientId: string, direction: 'in' | 'out'): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && e.clientId === clientId && e.direction === direction);

describe('a cluster of three nodes', () => {
  it('delivers a message published on node a to a subscriber on node b exactly once', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const subscriber = await connected(clientOn('b', { clientId: 'sub' }));
    await subscriber.subscribeAsync('plant/#', { qos: 1 });
    const received = collect(subscriber);
    const publisher = await connected(clientOn('a', { clientId: 'pub' }));
    await publisher.publishAsync('plant/line-1/temp', '21.5', { qos: 1 });
    await sleep(50);
    expect(received.map((p) => `${p.topic} ${p.payload.toString()}`)).toEqual(['plant/line-1/temp 21.5']);
    const delivered = packetsOf(lab.recorder.entries, 'publish', 'sub', 'out');
    expect(delivered.map((p) => p.node)).toEqual(['b']);
    expect(packetsOf(lab.recorder.entries, 'publish', 'pub', 'in')[0]?.node).toBe('a');
    await end(subscriber, publisher);
  });

  it('every packet and event of the record names its node', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const one = await connected(clientOn('c', { clientId: 'one' }));
    await end(one);
    await sleep(10);
    const mine = lab.recorder.entries.filter((e) => e.kind !== 'console' && e.clientId === 'one');
    expect(mine.length).toBeGreaterThan(2);
    expect(new Set(mine.map((e) => (e.kind === 'console' ? undefined : e.node)))).toEqual(new Set(['c']));
  });

  it('sends a retained message set on node a to a new subscriber on node c', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const publisher = await connected(clientOn('a', { clientId: 'pub' }));
    await publisher.publishAsync('plant/status', 'running', { qos: 1, retain: true });
    const late = await connected(clientOn('c', { clientId: 'late' }));
    const message = nextMessage(late, 'plant/status');
    await late.subscribeAsync('plant/status', { qos: 1 });
    const packet: IPublishPacket = await message;
    expect(packet.retain).toBe(true);
    expect(packet.payload.toString()).toBe('running');
    await end(publisher, late);
  });

  it('5.0 [MQTT-3.2.2-3] resumes on node b a session started on node a, with Session Present 1 and the QoS 1 messages queued meanwhile', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const options = { clientId: 'worker', clean: false, properties: { sessionExpiryInterval: 300 } };
    const first = await connected(clientOn('a', options));
    await first.subscribeAsync('jobs/#', { qos: 1 });
    await end(first);
    const publisher = await connected(clientOn('c', { clientId: 'pub' }));
    await publisher.publishAsync('jobs/1', 'job-1', { qos: 1 });
    await publisher.publishAsync('jobs/2', 'job-2', { qos: 1 });
    const again = clientOn('b', options);
    const received = collect(again);
    const resumed = await connected(again);
    expect(resumed.sessionPresent).toBe(true);
    await sleep(50);
    expect(received.map((p) => [p.topic, p.qos])).toEqual([['jobs/1', 1], ['jobs/2', 1]]);
    expect(packetsOf(lab.recorder.entries, 'connack', 'worker', 'out').map((p) => [p.node, p.packet['sessionPresent']])).toEqual([['a', false], ['b', true]]);
    await end(again, publisher);
  });

  it('3.1.1 [MQTT-3.1.4-2] a connection on node b with the client id of one on node a takes the session over; 5.0 the old one gets DISCONNECT 0x8E', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const old = await connected(clientOn('a', { clientId: 'dup' }));
    const closed = new Promise<void>((resolve) => old.once('close', () => resolve()));
    const replacement = await connected(clientOn('b', { clientId: 'dup' }));
    await closed;
    const disconnects = packetsOf(lab.recorder.entries, 'disconnect', 'dup', 'out');
    expect(disconnects.map((p) => [p.node, p.packet['reasonCode']])).toEqual([['a', 0x8e]]);
    await end(replacement);
  });

  it('stopping a node cuts its links (wills fire through the others); a client with a server list resumes its session on the next node without losing QoS 1 messages', async () => {
    lab = createSandboxBroker(THREE_NODES);
    const watcher = await connected(clientOn('c', { clientId: 'watcher' }));
    await watcher.subscribeAsync('status/#', { qos: 1 });
    const watched = collect(watcher);
    const device = clientOn(['a', 'b'], { clientId: 'device', clean: false, reconnectPeriod: 50, properties: { sessionExpiryInterval: 300 }, will: { topic: 'status/device', payload: Buffer.from('offline'), qos: 1, retain: false } });
    await connected(device);
    await device.subscribeAsync('cmd/device', { qos: 1 });
    const received = collect(device);

    const reconnected = new Promise<boolean>((resolve) => device.once('connect', (connack) => resolve(connack.sessionPresent)));
    await lab.stopNode?.('a');
    const sender = await connected(clientOn('c', { clientId: 'sender' }));
    await sender.publishAsync('cmd/device', 'reboot', { qos: 1 });
    expect(await reconnected).toBe(true);
    await waitForEntry(lab, (e) => e.kind === 'packet' && e.clientId === 'device' && e.direction === 'out' && e.packet.cmd === 'publish');
    await sleep(30);
    expect(received.map((p) => p.payload.toString())).toEqual(['reboot']);
    expect(watched.map((p) => p.payload.toString())).toEqual(['offline']);
    const connacks = packetsOf(lab.recorder.entries, 'connack', 'device', 'out');
    expect(connacks.map((p) => p.node)).toEqual(['a', 'b']);
    expect(lab.recorder.entries.some((e) => e.kind === 'event' && e.event === 'node-stopped' && e.node === 'a')).toBe(true);
    await end(device, watcher, sender);
  });

  it('a stopped node refuses connections until it is started again', async () => {
    lab = createSandboxBroker(THREE_NODES);
    await lab.stopNode?.('b');
    const refused = clientOn('b', { clientId: 'early' });
    await new Promise<void>((resolve) => refused.once('close', () => resolve()));
    refused.end(true);
    await lab.startNode?.('b');
    const ok = await connected(clientOn('b', { clientId: 'later' }));
    expect(packetsOf(lab.recorder.entries, 'connack', 'later', 'out')[0]?.node).toBe('b');
    await end(ok);
  });
});

describe('nodes without a common cluster', () => {
  it('are independent brokers: nothing crosses without a bridge', async () => {
    lab = createSandboxBroker({ nodes: [{ name: 'site' }, { name: 'cloud' }] });
    const subscriber = await connected(clientOn('cloud', { clientId: 'sub' }));
    await subscriber.subscribeAsync('#', { qos: 1 });
    const received = collect(subscriber);
    const publisher = await connected(clientOn('site', { clientId: 'pub' }));
    await publisher.publishAsync('site/temp', '20', { qos: 1 });
    await sleep(50);
    expect(received).toEqual([]);
    await end(subscriber, publisher);
  });

  it('a topology naming a missing node is refused with a message that names it', () => {
    expect(() => createSandboxBroker({ nodes: [{ name: 'a' }], bridges: [{ name: 'br', local: 'a', remote: 'z', topics: [{ pattern: '#', direction: 'out' }] }] })).toThrow(/no node "z"/);
  });
});
