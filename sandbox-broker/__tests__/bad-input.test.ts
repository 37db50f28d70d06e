import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, end, events, sleep } from './helpers.ts';
import { rawConnection, type RawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

async function connected(protocolVersion: 4 | 5, clientId = 'bad'): Promise<RawConnection> {
  const raw = rawConnection(broker, protocolVersion);
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion, clientId, clean: true, keepalive: 0 });
  expect(await raw.next()).toMatchObject({ cmd: 'connack' });
  return raw;
}

/** A PUBLISH QoS 0 whose topic bytes are given verbatim. */
function publishWithTopicBytes(topic: number[]): Buffer {
  const body = [topic.length >> 8, topic.length & 0xff, ...topic, 0x78];
  return Buffer.from([0x30, body.length, ...body]);
}

describe('bad input closes only the offending connection', () => {
  it('3.1.1 [MQTT-3.1.0-1] a first packet other than CONNECT closes the connection', async () => {
    broker = createSandboxBroker();
    const raw = rawConnection(broker, 4);
    raw.send({ cmd: 'pingreq' });
    await raw.closed;
    expect(raw.received).toHaveLength(0);
  });

  it('3.1.1 [MQTT-3.1.0-2] a second CONNECT closes the connection', async () => {
    broker = createSandboxBroker();
    const raw = await connected(4);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'again', clean: true, keepalive: 0 });
    await raw.closed;
  });

  it('5.0 [MQTT-3.1.0-2] a second CONNECT gets DISCONNECT 0x82 (Protocol Error)', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'again', clean: true, keepalive: 0 });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x82 });
    await raw.closed;
  });

  it('5.0 [MQTT-2.2.2-2] invalid reserved flag bits get DISCONNECT 0x81 (Malformed Packet)', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    raw.sendBytes(Buffer.from([0xc1, 0x00])); // PINGREQ with a reserved flag set
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x81 });
    await raw.closed;
  });

  it('5.0 §1.5.5 a Remaining Length longer than 4 bytes gets DISCONNECT 0x81', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    raw.sendBytes(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x81 });
  });

  it('5.0 [MQTT-1.5.4-1] a topic of ill-formed UTF-8 gets DISCONNECT 0x81', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    const frame = publishWithTopicBytes([0x61, 0xc3, 0x28]);
    // 5.0 PUBLISH carries a property length byte after the topic.
    raw.sendBytes(Buffer.concat([Buffer.from([0x30, frame[1]! + 1]), frame.subarray(2, frame.length - 1), Buffer.from([0x00, 0x78])]));
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x81 });
  });

  it('3.1.1 [MQTT-1.5.3-1] a topic of ill-formed UTF-8 closes the connection', async () => {
    broker = createSandboxBroker();
    const raw = await connected(4);
    raw.sendBytes(publishWithTopicBytes([0x61, 0xff]));
    await raw.closed;
    expect(events(broker, 'protocol-error')).toHaveLength(1);
  });

  it('3.1.1 [MQTT-3.3.2-2] a wildcard in a PUBLISH topic closes the connection; 5.0 sends DISCONNECT 0x90', async () => {
    broker = createSandboxBroker();
    const raw4 = await connected(4, 'w4');
    raw4.send({ cmd: 'publish', topic: 'a/+', payload: 'x', qos: 0, retain: false, dup: false });
    await raw4.closed;
    const raw5 = await connected(5, 'w5');
    raw5.send({ cmd: 'publish', topic: 'a/#', payload: 'x', qos: 0, retain: false, dup: false });
    expect(await raw5.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x90 });
  });

  it('5.0 [MQTT-4.7.1-1] a misplaced # in a topic filter gets DISCONNECT 0x8F', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'a/#/b', qos: 0 }] });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x8f });
  });

  it('5.0 §4.13 a client sending CONNACK commits a protocol error (0x82); other clients keep working', async () => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { clientId: 'ok-sub' });
    const got = collect(sub);
    await sub.subscribeAsync('fine', { qos: 1 });
    const raw = await connected(5);
    raw.send({ cmd: 'connack', sessionPresent: false, reasonCode: 0 });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x82 });
    const pub = await connectClient(broker, { clientId: 'ok-pub' });
    await pub.publishAsync('fine', 'still here', { qos: 1 });
    await sleep(20);
    expect(got.map((p) => p.payload.toString())).toEqual(['still here']);
    await end(sub, pub);
  });

  it('5.0 §1.5.7 §4.13 a user property that runs past the end of the packet gets DISCONNECT 0x81 and a readable reason', async () => {
    broker = createSandboxBroker();
    const raw = await connected(5);
    // PUBLISH QoS 0 to "t" whose one user property names a 32-byte string in a 7-byte property block.
    raw.sendBytes(Buffer.from([0x30, 12, 0x00, 0x01, 0x74, 7, 0x26, 0x00, 0x20, 0x61, 0x00, 0x01, 0x62, 0x78]));
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x81 });
    await raw.closed;
    const error = events(broker, 'protocol-error')[0];
    expect(error?.kind === 'event' && error.reason).toBe('malformed packet: a property string runs past the end of the packet');
  });
});
