import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { connectClient, end, sleep } from './helpers.ts';
import { rawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

/** [topic on the wire, Topic Alias] of every PUBLISH the broker sent to `clientId`. */
function wire(clientId: string): Array<[string, number | undefined]> {
  return broker.recorder.entries.flatMap((e) =>
    e.kind === 'packet' && e.direction === 'out' && e.clientId === clientId && e.packet.cmd === 'publish'
      ? [[String(e.packet['topic'] ?? ''), (e.packet['properties'] as { topicAlias?: number } | undefined)?.topicAlias] as [string, number | undefined]]
      : []);
}

describe('topic aliases the broker assigns (5.0 §3.3.2.3.4)', () => {
  it('5.0 [MQTT-3.1.2-30] a client that sends no Topic Alias Maximum gets no aliases', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { clientId: 's' });
    await sub.subscribeAsync('t/#');
    const pub = await connectClient(broker, { clientId: 'p' });
    for (let i = 0; i < 3; i++) await pub.publishAsync('t/long/topic', String(i));
    await sleep(30);
    expect(wire('s')).toEqual([['t/long/topic', undefined], ['t/long/topic', undefined], ['t/long/topic', undefined]]);
    await end(sub, pub);
  });

  it('5.0 [MQTT-3.1.2-29] never an alias above the client maximum; later topics go out in full', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { clientId: 's', properties: { topicAliasMaximum: 2 } });
    const got: string[] = [];
    sub.on('message', (topic) => got.push(topic));
    await sub.subscribeAsync('t/#');
    const pub = await connectClient(broker, { clientId: 'p' });
    for (const topic of ['t/a', 't/b', 't/c', 't/a', 't/c']) await pub.publishAsync(topic, 'x');
    await sleep(30);
    expect(wire('s')).toEqual([['t/a', 1], ['t/b', 2], ['t/c', undefined], ['', 1], ['t/c', undefined]]);
    expect(got).toEqual(['t/a', 't/b', 't/c', 't/a', 't/c']);
    await end(sub, pub);
  });

  it('5.0 [MQTT-3.3.2-7] mappings end with the network connection: after a reconnect the topic is sent again', async () => {
    broker = createSandboxBroker();
    const options = { clientId: 's', clean: false, properties: { topicAliasMaximum: 5, sessionExpiryInterval: 60 } };
    const first = await connectClient(broker, options);
    await first.subscribeAsync('t/#', { qos: 1 });
    const pub = await connectClient(broker, { clientId: 'p' });
    await pub.publishAsync('t/a', '1', { qos: 1 });
    await pub.publishAsync('t/a', '2', { qos: 1 });
    await sleep(30);
    await end(first);
    const second = await connectClient(broker, options);
    await pub.publishAsync('t/a', '3', { qos: 1 });
    await sleep(30);
    expect(wire('s')).toEqual([['t/a', 1], ['', 1], ['t/a', 1]]);
    await end(second, pub);
  });

  it('5.0 [MQTT-3.3.2-8] a client that sends Topic Alias 0 gets DISCONNECT 0x94 Topic Alias invalid', async () => {
    broker = createSandboxBroker({ topicAliasMaximum: 4 });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'zero', clean: true, keepalive: 0 });
    await raw.next();
    raw.send({ cmd: 'publish', topic: 'x', payload: 'y', qos: 0, retain: false, dup: false, properties: { topicAlias: 0 } });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x94 });
    await raw.closed;
  });
});
