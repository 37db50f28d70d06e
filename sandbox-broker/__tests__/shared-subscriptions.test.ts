import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, end, events, sleep, waitForEntry } from './helpers.ts';
import { rawConnection, type RawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('shared subscriptions', () => {
  it('5.0 §3.2.2.3.13 CONNACK advertises Shared Subscription Available', async () => {
    broker = createSandboxBroker();
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'c' });
    expect(client.connack.properties?.sharedSubscriptionAvailable).toBe(true);
    await end(client);
  });

  it('5.0 §4.8.2 each message goes to exactly one member of the group, round-robin', async () => {
    broker = createSandboxBroker();
    const a = await connectClient(broker, { protocolVersion: 5, clientId: 'a' });
    const b = await connectClient(broker, { protocolVersion: 5, clientId: 'b' });
    const plain = await connectClient(broker, { protocolVersion: 5, clientId: 'plain' });
    const [gotA, gotB, gotPlain] = [collect(a), collect(b), collect(plain)];
    const granted = await a.subscribeAsync('$share/workers/jobs/+', { qos: 1 });
    expect(granted[0]?.qos).toBe(1);
    await b.subscribeAsync('$share/workers/jobs/+', { qos: 1 });
    await plain.subscribeAsync('jobs/+', { qos: 1 });
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    for (let i = 0; i < 6; i++) await pub.publishAsync('jobs/x', String(i), { qos: 1 });
    await sleep(50);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0', '2', '4']);
    expect(gotB.map((p) => p.payload.toString())).toEqual(['1', '3', '5']);
    // Members see the real topic, and a non-shared subscriber still gets every message.
    expect(gotA[0]?.topic).toBe('jobs/x');
    expect(gotPlain).toHaveLength(6);
    await end(a, b, plain, pub);
  });

  it('5.0 §4.8.2 two groups on the same filter each receive every message once', async () => {
    broker = createSandboxBroker();
    const g1 = await connectClient(broker, { protocolVersion: 5, clientId: 'g1' });
    const g2 = await connectClient(broker, { protocolVersion: 5, clientId: 'g2' });
    const [got1, got2] = [collect(g1), collect(g2)];
    await g1.subscribeAsync('$share/one/s/#');
    await g2.subscribeAsync('$share/two/s/#');
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    await pub.publishAsync('s/a', '1');
    await pub.publishAsync('s/b/c', '2');
    await sleep(50);
    expect(got1.map((p) => p.topic)).toEqual(['s/a', 's/b/c']);
    expect(got2.map((p) => p.topic)).toEqual(['s/a', 's/b/c']);
    await end(g1, g2, pub);
  });

  it('5.0 §4.8.2 retained messages are not sent when a shared subscription is made', async () => {
    broker = createSandboxBroker();
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    await pub.publishAsync('r/t', 'kept', { qos: 1, retain: true });
    const member = await connectClient(broker, { protocolVersion: 5, clientId: 'm' });
    const plain = await connectClient(broker, { protocolVersion: 5, clientId: 'p' });
    const [gotMember, gotPlain] = [collect(member), collect(plain)];
    await member.subscribeAsync('$share/g/r/t');
    await plain.subscribeAsync('r/t');
    await sleep(50);
    expect(gotPlain.map((p) => p.payload.toString())).toEqual(['kept']);
    expect(gotMember).toHaveLength(0);
    await end(pub, member, plain);
  });

  it('5.0 [MQTT-4.8.2-2] a ShareName with a wildcard is a protocol error', async () => {
    broker = createSandboxBroker();
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'bad' });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.subscribe('$share/+/t');
    await closed;
    const error = events(broker, 'protocol-error')[0];
    expect(error?.kind === 'event' && error.reasonCode).toBe(0x82);
  });

  it('5.0 [MQTT-3.8.3-4] No Local on a shared subscription is a protocol error', async () => {
    broker = createSandboxBroker();
    const client = await connectClient(broker, { protocolVersion: 5, clientId: 'nl' });
    const reason = new Promise<number | undefined>((resolve) => client.once('disconnect', (packet) => resolve(packet.reasonCode)));
    client.subscribe('$share/g/t', { qos: 0, nl: true });
    expect(await reason).toBe(0x82);
  });

  it('5.0 §4.8.2 an unsubscribed member receives no more shared messages', async () => {
    broker = createSandboxBroker();
    const a = await connectClient(broker, { protocolVersion: 5, clientId: 'a' });
    const b = await connectClient(broker, { protocolVersion: 5, clientId: 'b' });
    const [gotA, gotB] = [collect(a), collect(b)];
    await a.subscribeAsync('$share/g/u');
    await b.subscribeAsync('$share/g/u');
    await a.unsubscribeAsync('$share/g/u');
    const pub = await connectClient(broker, { protocolVersion: 5, clientId: 'pub' });
    for (let i = 0; i < 3; i++) await pub.publishAsync('u', String(i));
    await sleep(50);
    expect(gotA).toHaveLength(0);
    expect(gotB).toHaveLength(3);
    await end(a, b, pub);
  });

  it('3.1.1 clients may use $share too (shared subscriptions are a broker extension there)', async () => {
    broker = createSandboxBroker();
    const a = await connectClient(broker, { protocolVersion: 4, clientId: 'a' });
    const b = await connectClient(broker, { protocolVersion: 4, clientId: 'b' });
    const [gotA, gotB] = [collect(a), collect(b)];
    await a.subscribeAsync('$share/g/v');
    await b.subscribeAsync('$share/g/v');
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'subscription-granted' && e.clientId === 'b');
    for (let i = 0; i < 4; i++) await a.publishAsync('v', String(i));
    await sleep(50);
    expect(gotA.length + gotB.length).toBe(4);
    expect(gotA).toHaveLength(2);
    await end(a, b);
  });

  /** A member that never acknowledges: it holds whatever it is sent in flight. */
  async function silentMember(clientId: string, qos: 1 | 2, sessionExpiryInterval = 0): Promise<RawConnection> {
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId, clean: true, keepalive: 0, properties: { sessionExpiryInterval } });
    await raw.next();
    raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: '$share/g/jobs', qos }] });
    await raw.next();
    return raw;
  }

  /**
   * Member `a` (collecting) and a silent member `b` share `$share/g/jobs`; `pub` publishes jobs 0 and
   * 1 at `qos`, so a gets job 0 and b holds job 1 in flight, unacknowledged.
   */
  async function jobInFlightToSilentMember(qos: 1 | 2, sessionExpiryInterval = 0) {
    const a = await connectClient(broker, { clientId: 'a' });
    const gotA = collect(a);
    await a.subscribeAsync('$share/g/jobs', { qos });
    const b = await silentMember('b', qos, sessionExpiryInterval);
    const pub = await connectClient(broker, { clientId: 'pub' });
    for (const job of ['0', '1']) await pub.publishAsync('jobs', job, { qos });
    await sleep(30);
    return { a, gotA, b, pub };
  }

  it('5.0 §4.8.2 a QoS 1 message in flight to a member whose session ends is sent to another member', async () => {
    broker = createSandboxBroker();
    const { a, gotA, b, pub } = await jobInFlightToSilentMember(1);
    expect(b.received.filter((p) => p['cmd'] === 'publish').map((p) => String(p['payload']))).toEqual(['1']);
    b.destroy();
    await sleep(50);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0', '1']);
    const moved = events(broker, 'message-queued').at(-1);
    expect(moved).toMatchObject({ clientId: 'a', topic: 'jobs' });
    await end(a, pub);
  });

  it('5.0 §4.8.2 a QoS 1 message in flight to a persistent member waits for it and is resent with DUP when it returns', async () => {
    broker = createSandboxBroker();
    const { a, gotA, b, pub } = await jobInFlightToSilentMember(1, 60);
    b.destroy();
    await sleep(30);
    // While b is away, new jobs go to the connected member only.
    for (const job of ['2', '3']) await pub.publishAsync('jobs', job, { qos: 1 });
    await sleep(30);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0', '2', '3']);
    const back = await connectClient(broker, { clientId: 'b', clean: false, properties: { sessionExpiryInterval: 60 } });
    const resent = await new Promise<{ payload: string; dup: boolean }>((resolve) => back.once('message', (_t, payload, packet) => resolve({ payload: payload.toString(), dup: packet.dup })));
    expect(resent).toEqual({ payload: '1', dup: true });
    await end(a, back, pub);
  });

  it('5.0 [MQTT-4.8.2-5] a QoS 2 message in flight to a member whose session ends is not sent to any other member', async () => {
    broker = createSandboxBroker();
    const { a, gotA, b, pub } = await jobInFlightToSilentMember(2);
    b.destroy();
    await sleep(50);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0']);
    await end(a, pub);
  });

  it('5.0 [MQTT-4.8.2-6] a QoS 1 message a member refuses with a failure PUBACK is not sent to another member', async () => {
    broker = createSandboxBroker();
    const { a, gotA, b, pub } = await jobInFlightToSilentMember(1);
    const refused = b.received.find((p) => p['cmd'] === 'publish');
    b.send({ cmd: 'puback', messageId: refused?.['messageId'], reasonCode: 0x80 });
    await sleep(20);
    b.destroy();
    await sleep(50);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0']);
    await end(a, pub);
  });

  it('5.0 §4.8.2 a member that reconnects with Clean Start leaves its groups until it subscribes again', async () => {
    broker = createSandboxBroker();
    const a = await connectClient(broker, { clientId: 'a' });
    const gotA = collect(a);
    await a.subscribeAsync('$share/g/jobs', { qos: 1 });
    const b = await connectClient(broker, { clientId: 'b', clean: false, properties: { sessionExpiryInterval: 60 } });
    await b.subscribeAsync('$share/g/jobs', { qos: 1 });
    await end(b);
    const fresh = await connectClient(broker, { clientId: 'b', clean: true });
    const gotFresh = collect(fresh);
    const pub = await connectClient(broker, { clientId: 'pub' });
    for (const job of ['0', '1', '2']) await pub.publishAsync('jobs', job, { qos: 1 });
    await sleep(50);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0', '1', '2']);
    expect(gotFresh).toHaveLength(0);
    await end(a, fresh, pub);
  });

  it('5.0 §4.8.2 a QoS 1 message held for a persistent member goes to another member when its session expires', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    const { a, gotA, b, pub } = await jobInFlightToSilentMember(1, 10);
    b.destroy();
    await sleep(30);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0']);
    await broker.clock.advance(11_000);
    await sleep(50);
    expect(events(broker, 'session-expired').map((e) => e.kind === 'event' && e.clientId)).toEqual(['b']);
    expect(gotA.map((p) => p.payload.toString())).toEqual(['0', '1']);
    await end(a, pub);
  });
});
