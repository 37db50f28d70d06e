/**
 * MQTT 5.0 enhanced authentication (5.0 §4.12, AUTH §3.15) with SCRAM-SHA-256, run by the link in
 * front of aedes, driven by the real MQTT.js (`properties.authenticationMethod/Data` and the
 * `handleAuth` hook) and, for what MQTT.js would not send, by raw packets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { IAuthPacket } from 'mqtt-packet';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { scramClient, type ScramClient } from '../src/enhanced-auth/scram-client.ts';
import type { PacketEntry } from '../src/record-types.ts';
import { createClient, events, nextMessage, sleep, subackCodes, waitForEntry } from './helpers.ts';
import { rawConnection } from './raw-connection.ts';

const METHOD = 'SCRAM-SHA-256';
const users = { 'meter-12': 'spring-2026' };
let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

/** A real MQTT.js client that answers the broker's AUTH 0x18 with SCRAM; `result` settles on CONNACK or error. */
function scramConnect(username: string, password: string, options: IClientOptions = {}) {
  let scram: ScramClient = scramClient(username, password);
  const client = createClient(broker, { clientId: username, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scram.firstMessage) }, ...options });
  const serverFinals: Buffer[] = [];
  client.handleAuth = (packet: IAuthPacket, callback) => {
    const data = packet.properties?.authenticationData as Buffer | undefined;
    if (packet.reasonCode === 0) {
      // AUTH 0x00 ends a re-authentication with the server-final-message.
      if (data) serverFinals.push(data);
      callback();
      return;
    }
    scram.respond(data ?? Buffer.alloc(0)).then(
      (answer) => callback(undefined, { cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(answer) } }),
      (error: Error) => callback(error),
    );
  };
  const result = new Promise<{ code: number; connack?: { properties?: Record<string, unknown> } }>((resolve) => {
    client.once('connect', (connack) => resolve({ code: 0, connack: connack as never }));
    client.once('error', (error) => resolve({ code: (error as { code?: number }).code ?? -1 }));
  });
  /** Starts a re-authentication (5.0 §4.12.1): MQTT.js has no public call for it, so the AUTH 0x19 goes through its packet writer. */
  const reauthenticate = (newPassword = password): ScramClient => {
    scram = scramClient(username, newPassword);
    (client as unknown as { _sendPacket(packet: IAuthPacket): void })._sendPacket({ cmd: 'auth', reasonCode: 0x19, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scram.firstMessage) } });
    return scram;
  };
  return { client, result, serverFinals, reauthenticate, scram: () => scram };
}

const packetsOf = (clientId: string): PacketEntry[] =>
  broker.recorder.entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === clientId);
const flow = (clientId: string): string[] =>
  packetsOf(clientId).map((e) => `${e.direction} ${e.packet.cmd}${e.packet['reasonCode'] !== undefined ? ` 0x${(e.packet['reasonCode'] as number).toString(16)}` : ''}`);

const closed = (client: MqttClient): Promise<void> => new Promise((resolve) => client.once('close', () => resolve()));

describe('5.0 §4.12 enhanced authentication with SCRAM-SHA-256', () => {
  it('CONNECT(method, client-first) → AUTH 0x18 → AUTH 0x18 → CONNACK 0x00 with the method and a server signature the client verifies', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const { client, result, scram } = scramConnect('meter-12', 'spring-2026');
    const { code, connack } = await result;
    expect(code).toBe(0);
    expect(flow('meter-12')).toEqual(['in connect', 'out auth 0x18', 'in auth 0x18', 'out connack 0x0']);
    const [connect, challenge, answer, connackEntry] = packetsOf('meter-12');
    expect((connect!.packet['properties'] as Record<string, { utf8: string }>)['authenticationData']!.utf8).toMatch(/^n,,n=meter-12,r=/);
    // [MQTT-4.12.0-5]: every AUTH and the successful CONNACK carry the CONNECT's method.
    for (const entry of [challenge, answer, connackEntry]) expect((entry!.packet['properties'] as Record<string, unknown>)['authenticationMethod']).toBe(METHOD);
    expect((challenge!.packet['properties'] as Record<string, { utf8: string }>)['authenticationData']!.utf8).toMatch(/^r=[^,]+,s=[^,]+,i=4096$/);
    // The password never crosses the wire.
    expect(JSON.stringify(packetsOf('meter-12'))).not.toContain('spring-2026');
    expect(connack?.properties?.['authenticationMethod']).toBe(METHOD);
    expect(scram().verifyServer(connack?.properties?.['authenticationData'] as Buffer)).toBe(true);
    const authenticated = events(broker, 'client-authenticated');
    expect(authenticated).toHaveLength(1);
    expect(authenticated[0]).toMatchObject({ clientId: 'meter-12', detail: { method: METHOD, username: 'meter-12', reauthentication: false } });
    client.end(true);
  });

  it('the authenticated user name is the identity the ACL sees (%u)', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD], acl: [{ topic: 'meters/%u/#', access: 'readwrite', allow: true }] });
    const { client, result } = scramConnect('meter-12', 'spring-2026');
    expect((await result).code).toBe(0);
    expect(await subackCodes(client, { 'meters/meter-12/#': { qos: 1 }, 'meters/other/#': { qos: 1 } })).toEqual([1, 0x87]);
    client.end(true);
  });

  it('[MQTT-4.12.0-4] a wrong password is refused with CONNACK 0x86 after the exchange, and the connection is closed', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const { client, result } = scramConnect('meter-12', 'winter-2025');
    const isClosed = closed(client);
    expect((await result).code).toBe(0x86);
    await isClosed;
    expect(flow('meter-12')).toEqual(['in connect', 'out auth 0x18', 'in auth 0x18', 'out connack 0x86']);
    expect(events(broker, 'connection-refused')[0]).toMatchObject({ reasonCode: 0x86 });
    expect(events(broker, 'client-connected')).toHaveLength(0);
  });

  it('an unknown user gets a challenge like any other (the broker does not say who exists), then 0x86', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const { result } = scramConnect('nobody', 'x');
    expect((await result).code).toBe(0x86);
    expect(flow('nobody')).toEqual(['in connect', 'out auth 0x18', 'in auth 0x18', 'out connack 0x86']);
  });

  it('[MQTT-4.12.0-1] a method the broker does not support gets CONNACK 0x8C Bad authentication method', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const client = createClient(broker, { clientId: 'k', properties: { authenticationMethod: 'KERBEROS', authenticationData: Buffer.from('x') } });
    const code = await new Promise<number | undefined>((resolve) => client.once('error', (e) => resolve((e as { code?: number }).code)));
    expect(code).toBe(0x8c);
    expect(flow('k')).toEqual(['in connect', 'out connack 0x8c']);
  });

  it('[MQTT-4.12.0-1] with no method configured every Authentication Method gets 0x8C', async () => {
    broker = createSandboxBroker({ users });
    const { result } = scramConnect('meter-12', 'spring-2026');
    expect((await result).code).toBe(0x8c);
  });

  it('5.0 §4.12.1 re-authentication: AUTH 0x19 → AUTH 0x18 → AUTH 0x18 → AUTH 0x00, and messages keep flowing', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const { client, result, reauthenticate, serverFinals } = scramConnect('meter-12', 'spring-2026');
    expect((await result).code).toBe(0);
    await client.subscribeAsync('meters/meter-12', { qos: 1 });
    const scram = reauthenticate();
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'client-authenticated' && e.detail?.['reauthentication'] === true);
    await sleep(20);
    const received = nextMessage(client, 'meters/meter-12');
    await client.publishAsync('meters/meter-12', '21.5', { qos: 1 });
    expect((await received).payload.toString()).toBe('21.5');
    expect(flow('meter-12').filter((p) => p.includes('auth'))).toEqual(['out auth 0x18', 'in auth 0x18', 'in auth 0x19', 'out auth 0x18', 'in auth 0x18', 'out auth 0x0']);
    expect(serverFinals).toHaveLength(1);
    expect(scram.verifyServer(serverFinals[0]!)).toBe(true);
    expect(client.connected).toBe(true);
    client.end(true);
  });

  it('[MQTT-4.12.1-2] a failed re-authentication ends with DISCONNECT 0x87 and a closed connection', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const { client, result, reauthenticate } = scramConnect('meter-12', 'spring-2026');
    expect((await result).code).toBe(0);
    const isClosed = closed(client);
    reauthenticate('wrong');
    await isClosed;
    expect(flow('meter-12').slice(-4)).toEqual(['in auth 0x19', 'out auth 0x18', 'in auth 0x18', 'out disconnect 0x87']);
    expect(events(broker, 'authentication-failed')[0]).toMatchObject({ clientId: 'meter-12', reasonCode: 0x87 });
  });

  it('[MQTT-4.12.0-7] AUTH from a client whose CONNECT named no method is a protocol error (DISCONNECT 0x82)', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolVersion: 5, clientId: 'plain', clean: true, keepalive: 0, username: 'meter-12', password: Buffer.from('spring-2026') });
    expect((await raw.next())['reasonCode']).toBe(0);
    raw.send({ cmd: 'auth', reasonCode: 0x19, properties: { authenticationMethod: METHOD } });
    expect(await raw.next()).toMatchObject({ cmd: 'disconnect', reasonCode: 0x82 });
    await raw.closed;
  });

  it('[MQTT-4.12.0-5] an AUTH naming another method than CONNECT is a protocol error', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolVersion: 5, clientId: 'm', clean: true, keepalive: 0, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scramClient('meter-12', 'x').firstMessage) } });
    expect(await raw.next()).toMatchObject({ cmd: 'auth', reasonCode: 0x18 });
    raw.send({ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'OTHER', authenticationData: Buffer.from('c=biws') } });
    await raw.closed;
    expect(events(broker, 'protocol-error')[0]).toMatchObject({ reasonCode: 0x82 });
    expect(raw.received.map((p) => p['cmd'])).toEqual(['auth']);
  });

  it('[MQTT-3.1.2-30] a PUBLISH before CONNACK during enhanced authentication is a protocol error', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolVersion: 5, clientId: 'eager', clean: true, keepalive: 0, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scramClient('meter-12', 'x').firstMessage) } });
    raw.send({ cmd: 'publish', topic: 'too/early', payload: Buffer.from('x'), qos: 0, retain: false, dup: false });
    await raw.closed;
    expect(events(broker, 'protocol-error')[0]).toHaveProperty('reason', expect.stringMatching(/PUBLISH before CONNACK/));
    expect(events(broker, 'client-connected')).toHaveLength(0);
  });

  it('a malformed client-first-message is refused with 0x87', async () => {
    broker = createSandboxBroker({ users, authenticationMethods: [METHOD] });
    const raw = rawConnection(broker, 5);
    raw.send({ cmd: 'connect', protocolVersion: 5, clientId: 'odd', clean: true, keepalive: 0, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from('hello') } });
    expect(await raw.next()).toMatchObject({ cmd: 'connack', reasonCode: 0x87 });
    await raw.closed;
  });
});
