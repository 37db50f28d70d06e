import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import type { AclRule } from '../src/options.ts';
import { collect, connectClient, createClient, end, events, pubackCode, sleep, subackCodes } from './helpers.ts';
import { rawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

/** Connects and resolves with the CONNACK code (returnCode for 3.1.1, reasonCode for 5.0). */
function connackCode(protocolVersion: 4 | 5, options: Parameters<typeof createClient>[1]): Promise<number | undefined> {
  const client = createClient(broker, { protocolVersion, ...options });
  return new Promise((resolve) => {
    client.on('connect', () => {
      resolve(0);
      client.end(true);
    });
    client.on('error', (error) => {
      resolve((error as { code?: number }).code);
      client.end(true);
    });
  });
}

const users = { alice: 'wonder', bob: 'builder' };

describe('authentication', () => {
  it('3.1.1 [MQTT-3.1.3-8] a zero-length client id with CleanSession=0 gets return code 0x02 and is closed', async () => {
    broker = createSandboxBroker();
    // MQTT.js and mqtt-packet refuse to produce this CONNECT, so it is written byte for byte:
    // protocol name MQTT, level 4, flags 0 (CleanSession=0), keep-alive 0, client id of length 0.
    const raw = rawConnection(broker, 4);
    raw.sendBytes(Buffer.from([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00]));
    const connack = await raw.next();
    expect(connack['returnCode']).toBe(2);
    await raw.closed;
    const refused = events(broker, 'connection-refused')[0];
    expect(refused?.kind === 'event' && refused.reasonCode).toBe(2);
  });

  it('3.1.1 §3.2.2.3 a wrong password gets return code 4', async () => {
    broker = createSandboxBroker({ users });
    expect(await connackCode(4, { clientId: 'c', username: 'alice', password: 'nope' })).toBe(4);
  });

  it('3.1.1 §3.2.2.3 an anonymous client is refused with return code 5 when users are configured', async () => {
    broker = createSandboxBroker({ users });
    expect(await connackCode(4, { clientId: 'c' })).toBe(5);
  });

  it('5.0 §3.2.2.2 a wrong password gets reason code 0x86, anonymous 0x87', async () => {
    broker = createSandboxBroker({ users });
    expect(await connackCode(5, { clientId: 'c', username: 'bob', password: 'x' })).toBe(0x86);
    expect(await connackCode(5, { clientId: 'd' })).toBe(0x87);
    expect(await connackCode(5, { clientId: 'e', username: 'bob', password: 'builder' })).toBe(0);
  });

  it('allowAnonymous lets clients without a username in alongside configured users', async () => {
    broker = createSandboxBroker({ users, allowAnonymous: true });
    expect(await connackCode(5, { clientId: 'anon' })).toBe(0);
  });
});

const acl: AclRule[] = [
  { username: 'alice', topic: 'private/%u/#', access: 'readwrite', allow: true },
  { topic: 'private/#', access: 'readwrite', allow: false },
  { topic: 'readonly/#', access: 'subscribe', allow: true },
  { topic: '#', access: 'readwrite', allow: true },
];

describe('access control lists', () => {
  it('5.0 §3.4.2.1 a denied QoS 1 publish gets PUBACK 0x87 and reaches nobody', async () => {
    broker = createSandboxBroker({ users, acl });
    const alice = await connectClient(broker, { protocolVersion: 5, clientId: 'a', username: 'alice', password: 'wonder' });
    const got = collect(alice);
    await alice.subscribeAsync('private/alice/#');
    const bob = await connectClient(broker, { protocolVersion: 5, clientId: 'b', username: 'bob', password: 'builder' });
    expect(await pubackCode(bob, 'private/alice/diary', 'peek')).toBe(0x87);
    await sleep(30);
    expect(got).toHaveLength(0);
    expect(events(broker, 'publish-denied')).toHaveLength(1);
    await end(alice, bob);
  });

  it('3.1.1 a denied publish is dropped silently: PUBACK as usual, the connection stays open', async () => {
    broker = createSandboxBroker({ users, acl });
    const alice = await connectClient(broker, { protocolVersion: 4, clientId: 'a', username: 'alice', password: 'wonder' });
    const got = collect(alice);
    await alice.subscribeAsync('private/alice/#');
    const bob = await connectClient(broker, { protocolVersion: 4, clientId: 'b', username: 'bob', password: 'builder' });
    await bob.publishAsync('private/alice/diary', 'peek', { qos: 1 });
    await bob.publishAsync('private/alice/diary', 'peek2', { qos: 2 });
    await alice.publishAsync('private/alice/diary', 'mine', { qos: 1 });
    await sleep(30);
    expect(got.map((p) => p.payload.toString())).toEqual(['mine']);
    expect(bob.connected).toBe(true);
    await end(alice, bob);
  });

  it('5.0 §3.9.3 a denied subscription gets SUBACK 0x87; 3.1.1 §3.9.3 gets 0x80', async () => {
    broker = createSandboxBroker({ users, acl });
    const bob5 = await connectClient(broker, { protocolVersion: 5, clientId: 'b5', username: 'bob', password: 'builder' });
    expect(await subackCodes(bob5, { 'private/alice/#': { qos: 1 }, 'readonly/x': { qos: 1 } })).toEqual([0x87, 1]);
    const bob4 = await connectClient(broker, { protocolVersion: 4, clientId: 'b4', username: 'bob', password: 'builder' });
    expect(await subackCodes(bob4, 'private/#')).toEqual([0x80]);
    expect(events(broker, 'subscription-denied')).toHaveLength(2);
    await end(bob5, bob4);
  });

  it('subscribe-only rules do not allow publishing, and a subscription wider than the rule is denied', async () => {
    broker = createSandboxBroker({ acl: [{ topic: 'readonly/#', access: 'subscribe', allow: true }] });
    const c = await connectClient(broker, { protocolVersion: 5, clientId: 'c' });
    expect(await subackCodes(c, '#')).toEqual([0x87]);
    expect(await subackCodes(c, 'readonly/+/x')).toEqual([0]);
    expect(await pubackCode(c, 'readonly/x', 'x')).toBe(0x87);
    await end(c);
  });

  it('clients may not publish to $SYS topics (3.1.1 §4.7.2 / 5.0 §4.7.2)', async () => {
    broker = createSandboxBroker();
    const c = await connectClient(broker, { protocolVersion: 5, clientId: 'c' });
    expect(await pubackCode(c, '$SYS/fake', 'x')).toBe(0x87);
    await end(c);
  });
});
