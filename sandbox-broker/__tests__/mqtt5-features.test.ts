import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, end, nextMessage, sleep, subackCodes } from './helpers.ts';
import { rawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('MQTT 5.0 features', () => {
  it('5.0 [MQTT-3.3.2-17] [MQTT-3.3.2-18] user properties are forwarded unaltered and in order', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { clientId: 's' });
    await sub.subscribeAsync('up');
    const pub = await connectClient(broker, { clientId: 'p' });
    const got = nextMessage(sub, 'up');
    await pub.publishAsync('up', 'x', { properties: { userProperties: { zeta: '1', alpha: ['2', '3'], mid: '4' } } });
    const packet = await got;
    expect(Object.entries(packet.properties?.userProperties ?? {})).toEqual([['zeta', '1'], ['alpha', ['2', '3']], ['mid', '4']]);
    await end(sub, pub);
  });

  it('5.0 [MQTT-3.3.2-15] [MQTT-3.3.2-16] response topic and correlation data are forwarded (request/response)', async () => {
    broker = createSandboxBroker();
    const responder = await connectClient(broker, { clientId: 'responder' });
    await responder.subscribeAsync('req/time');
    responder.on('message', (_topic, _payload, packet) => {
      const responseTopic = packet.properties?.responseTopic;
      if (responseTopic) responder.publish(responseTopic, 'noon', { properties: { correlationData: packet.properties?.correlationData as Buffer } });
    });
    const requester = await connectClient(broker, { clientId: 'requester' });
    await requester.subscribeAsync('resp/requester');
    const reply = nextMessage(requester, 'resp/requester');
    await requester.publishAsync('req/time', '?', { properties: { responseTopic: 'resp/requester', correlationData: Buffer.from('id-42') } });
    const packet = await reply;
    expect(packet.payload.toString()).toBe('noon');
    expect(Buffer.from(packet.properties?.correlationData as Buffer).toString()).toBe('id-42');
    await end(responder, requester);
  });

  it('5.0 [MQTT-3.8.3-3] No Local: a client does not get its own messages back', async () => {
    broker = createSandboxBroker();
    const c = await connectClient(broker, { clientId: 'nl' });
    const got = collect(c);
    await c.subscribeAsync('echo', { qos: 0, nl: true });
    await c.publishAsync('echo', 'mine');
    await sleep(30);
    expect(got).toHaveLength(0);
    await end(c);
  });

  it('5.0 [MQTT-3.3.1-12] [MQTT-3.3.1-13] Retain As Published keeps the RETAIN flag on forwarded messages', async () => {
    broker = createSandboxBroker();
    const rap = await connectClient(broker, { clientId: 'rap' });
    const plain = await connectClient(broker, { clientId: 'plain' });
    await rap.subscribeAsync('rp', { qos: 0, rap: true });
    await plain.subscribeAsync('rp', { qos: 0 });
    const [a, b] = [nextMessage(rap, 'rp'), nextMessage(plain, 'rp')];
    await plain.publishAsync('rp', 'r', { retain: true });
    expect((await a).retain).toBe(true);
    expect((await b).retain).toBe(false);
    await end(rap, plain);
  });

  it('5.0 [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11] Retain Handling 0, 1 and 2', async () => {
    broker = createSandboxBroker();
    const pub = await connectClient(broker, { clientId: 'p' });
    await pub.publishAsync('rh/t', 'kept', { qos: 1, retain: true });
    const c = await connectClient(broker, { clientId: 'c' });
    const got = collect(c);
    await c.subscribeAsync('rh/+', { qos: 0, rh: 2 });
    await sleep(20);
    expect(got).toHaveLength(0);
    await c.subscribeAsync('rh/#', { qos: 0, rh: 1 });
    await sleep(20);
    expect(got).toHaveLength(1);
    await c.subscribeAsync('rh/#', { qos: 0, rh: 1 });
    await sleep(20);
    expect(got).toHaveLength(1);
    await c.subscribeAsync('rh/t', { qos: 0, rh: 0 });
    await sleep(20);
    expect(got).toHaveLength(2);
    await end(pub, c);
  });

  it('5.0 [MQTT-3.3.2-7]..[MQTT-3.3.2-12] inbound topic aliases up to the Topic Alias Maximum', async () => {
    broker = createSandboxBroker({ topicAliasMaximum: 5 });
    const sub = await connectClient(broker, { clientId: 's' });
    const got = collect(sub);
    await sub.subscribeAsync('alias/long/topic');
    const pub = await connectClient(broker, { clientId: 'p' });
    expect(pub.connack.properties?.topicAliasMaximum).toBe(5);
    await pub.publishAsync('alias/long/topic', '1', { properties: { topicAlias: 3 } });
    await pub.publishAsync('', '2', { properties: { topicAlias: 3 } });
    await sleep(30);
    expect(got.map((p) => `${p.topic}:${p.payload.toString()}`)).toEqual(['alias/long/topic:1', 'alias/long/topic:2']);
    await end(sub, pub);
  });

  it('5.0 §3.3.2.3.4 [MQTT-3.3.2-11] the broker assigns topic aliases to a client that advertises a Topic Alias Maximum', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { clientId: 's', properties: { topicAliasMaximum: 1 } });
    const got: string[] = [];
    sub.on('message', (topic) => got.push(topic));
    await sub.subscribeAsync('#');
    const pub = await connectClient(broker, { clientId: 'p' });
    for (const topic of ['room/one', 'room/one', 'room/two', 'room/one']) await pub.publishAsync(topic, 'x');
    await sleep(30);
    // MQTT.js resolves the aliases back to topics.
    expect(got).toEqual(['room/one', 'room/one', 'room/two', 'room/one']);
    const wire = broker.recorder.entries.flatMap((e) => (e.kind === 'packet' && e.direction === 'out' && e.packet.cmd === 'publish' ? [[e.packet['topic'] ?? '', (e.packet['properties'] as { topicAlias?: number } | undefined)?.topicAlias]] : []));
    expect(wire).toEqual([['room/one', 1], ['', 1], ['room/two', undefined], ['', 1]]);
    await end(sub, pub);
  });

  it('5.0 [MQTT-3.2.2-17]/[MQTT-3.3.2-9] a topic alias above the maximum gets DISCONNECT 0x94', async () => {
    broker = createSandboxBroker({ topicAliasMaximum: 2 });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'ta', clean: true, keepalive: 0 });
    await raw.next();
    raw.send({ cmd: 'publish', topic: 'x', payload: 'y', qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x94 });
    await raw.closed;
  });

  it('5.0 [MQTT-3.3.4-9] the broker never has more unacknowledged QoS 1 PUBLISHes out than the client Receive Maximum', async () => {
    broker = createSandboxBroker();
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'slow', clean: true, keepalive: 0, properties: { receiveMaximum: 2 } });
    await raw.next();
    raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'flow', qos: 1 }] });
    await raw.next();
    const pub = await connectClient(broker, { clientId: 'pub' });
    for (let i = 0; i < 5; i++) await pub.publishAsync('flow', String(i), { qos: 1 });
    await sleep(50);
    const publishes = () => raw.received.filter((p) => p['cmd'] === 'publish');
    expect(publishes()).toHaveLength(2);
    raw.send({ cmd: 'puback', messageId: publishes()[0]?.['messageId'] });
    await sleep(30);
    expect(publishes()).toHaveLength(3);
    for (const p of publishes().slice(1)) raw.send({ cmd: 'puback', messageId: p['messageId'] });
    await sleep(30);
    expect(publishes().map((p) => String(p['payload']))).toEqual(['0', '1', '2', '3', '4']);
    raw.destroy();
    await end(pub);
  });

  it('5.0 [MQTT-3.3.4-7] a client exceeding the broker Receive Maximum gets DISCONNECT 0x93', async () => {
    broker = createSandboxBroker({ receiveMaximum: 2 });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'eager', clean: true, keepalive: 0 });
    const connack = await raw.next();
    expect((connack['properties'] as Record<string, unknown>)['receiveMaximum']).toBe(2);
    // QoS 2 PUBLISHes stay unacknowledged until PUBREL/PUBCOMP, which this client never sends.
    for (let id = 1; id <= 3; id++) raw.send({ cmd: 'publish', topic: 'rm', payload: 'x', qos: 2, messageId: id, retain: false, dup: false });
    await raw.closed;
    const replies = raw.received.slice(1);
    expect(replies.filter((p) => p['cmd'] === 'disconnect')).toMatchObject([{ reasonCode: 0x93 }]);
    expect(replies.filter((p) => p['cmd'] === 'pubrec').length).toBeLessThanOrEqual(2);
  });

  it('5.0 [MQTT-3.2.2-15] a packet above the broker Maximum Packet Size gets DISCONNECT 0x95', async () => {
    broker = createSandboxBroker({ maximumPacketSize: 200 });
    const c = await connectClient(broker, { clientId: 'big' });
    expect(c.connack.properties?.maximumPacketSize).toBe(200);
    const reason = new Promise<number | undefined>((resolve) => c.once('disconnect', (packet) => resolve(packet.reasonCode)));
    c.publish('big', Buffer.alloc(500));
    expect(await reason).toBe(0x95);
  });

  it('5.0 [MQTT-3.1.2-25] a message larger than the client Maximum Packet Size is not sent to it', async () => {
    broker = createSandboxBroker();
    const small = await connectClient(broker, { clientId: 'small', properties: { maximumPacketSize: 100 } });
    const got = collect(small);
    await small.subscribeAsync('size', { qos: 1 });
    const pub = await connectClient(broker, { clientId: 'pub' });
    await pub.publishAsync('size', Buffer.alloc(300), { qos: 1 });
    await pub.publishAsync('size', 'fits', { qos: 1 });
    await sleep(30);
    expect(got.map((p) => p.payload.toString())).toEqual(['fits']);
    await end(small, pub);
  });

  it('5.0 [MQTT-3.2.2-9]..[MQTT-3.2.2-11] Maximum QoS is advertised, grants are capped, a higher-QoS PUBLISH gets DISCONNECT 0x9B', async () => {
    broker = createSandboxBroker({ maximumQoS: 1 });
    const c = await connectClient(broker, { clientId: 'q' });
    expect(c.connack.properties?.maximumQoS).toBe(1);
    expect(await subackCodes(c, { q: { qos: 2 } })).toEqual([1]);
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'q2', clean: true, keepalive: 0 });
    await raw.next();
    raw.send({ cmd: 'publish', topic: 'q', payload: 'x', qos: 2, messageId: 1, retain: false, dup: false });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x9b });
    await end(c);
  });

  it('5.0 [MQTT-3.3.2-5] [MQTT-3.3.2-6] a retained message expires, and is delivered with the time left', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const pub = await connectClient(broker, { clientId: 'p' });
    await pub.publishAsync('ret/short', 's', { qos: 1, retain: true, properties: { messageExpiryInterval: 10 } });
    await pub.publishAsync('ret/long', 'l', { qos: 1, retain: true, properties: { messageExpiryInterval: 60 } });
    await broker.clock.advance(15_000);
    const c = await connectClient(broker, { clientId: 'c' });
    const got = collect(c);
    await c.subscribeAsync('ret/+');
    await sleep(30);
    expect(got.map((p) => p.topic)).toEqual(['ret/long']);
    expect(got[0]?.properties?.messageExpiryInterval).toBe(45);
    await end(pub, c);
  });

  it('5.0 [MQTT-3.2.2-14] with Retain Available 0, a retained PUBLISH gets DISCONNECT 0x9A', async () => {
    broker = createSandboxBroker({ retainAvailable: false });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'r', clean: true, keepalive: 0 });
    const connack = await raw.next();
    expect((connack['properties'] as Record<string, unknown>)['retainAvailable']).toBe(false);
    raw.send({ cmd: 'publish', topic: 'r', payload: 'x', qos: 0, retain: true, dup: false });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x9a });
  });

  it('5.0 [MQTT-3.1.4-3] a second connection with the same client id takes over: DISCONNECT 0x8E to the first', async () => {
    broker = createSandboxBroker();
    const first = await connectClient(broker, { clientId: 'same' });
    const reason = new Promise<number | undefined>((resolve) => first.once('disconnect', (packet) => resolve(packet.reasonCode)));
    const second = await connectClient(broker, { clientId: 'same' });
    expect(await reason).toBe(0x8e);
    await sleep(20);
    const closed = broker.recorder.entries.find((e) => e.kind === 'event' && e.event === 'client-disconnected');
    expect(closed?.kind === 'event' && closed.reason).toBe('session taken over');
    await end(second);
  });

  it('5.0 §3.2.2.3.7 a zero-length client id is assigned one (Assigned Client Identifier)', async () => {
    broker = createSandboxBroker();
    const c = await connectClient(broker, { clientId: '' });
    const assigned = c.connack.properties?.assignedClientIdentifier;
    expect(assigned).toMatch(/.+/);
    await c.subscribeAsync('x');
    const suback = broker.recorder.entries.find((e) => e.kind === 'packet' && e.packet.cmd === 'suback');
    expect(suback?.kind === 'packet' && suback.clientId).toBe(assigned);
    await end(c);
  });
});
