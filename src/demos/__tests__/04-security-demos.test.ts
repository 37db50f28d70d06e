/**
 * The module 4 demos, played against the real sandbox broker with real MQTT.js clients: every
 * refusal their explanations talk about must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrokerEventEntry, PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import aclDemo from '../../../exercises/04-security/demos/acl-refusals.ts';
import passwordDemo from '../../../exercises/04-security/demos/bad-password.ts';
import scramDemo from '../../../exercises/04-security/demos/scram-login.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { playByStep } from './play-by-step.ts';


const backends: NodeDemoBackend[] = [];
let acl: RecordEntry[][] = [];
let password: RecordEntry[][] = [];
let scram: RecordEntry[][] = [];

beforeAll(async () => {
  acl = (await playByStep(aclDemo, { backends })).steps;
  password = (await playByStep(passwordDemo, { backends })).steps;
  scram = (await playByStep(scramDemo, { backends })).steps;
}, 30_000);

afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const packets = (entries: RecordEntry[] | undefined, cmd: string, clientId?: string, direction?: 'in' | 'out'): PacketEntry[] =>
  (entries ?? []).filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && (clientId === undefined || e.clientId === clientId) && (direction === undefined || e.direction === direction));
const eventsOf = (entries: RecordEntry[] | undefined, event: string): BrokerEventEntry[] =>
  (entries ?? []).filter((e): e is BrokerEventEntry => e.kind === 'event' && e.event === event);

describe('demo 04-security/bad-password on the real broker', () => {
  test('step 1: 5.0 §3.2.2.2 a wrong password gets CONNACK 0x86, and the password is in CONNECT in clear text', () => {
    const [connect] = packets(password[0], 'connect', undefined, 'in');
    expect(connect!.packet).toMatchObject({ username: 'meter-12', password: { utf8: 'winter-2025' } });
    expect(packets(password[0], 'connack', undefined, 'out').map((p) => p.packet['reasonCode'])).toEqual([0x86]);
    expect(eventsOf(password[0], 'connection-refused').map((e) => e.reasonCode)).toEqual([0x86]);
  });

  test('step 2: 3.1.1 §3.2.2.3 [MQTT-3.2.2-5] a wrong password gets return code 4 and the connection is closed', () => {
    expect(packets(password[1], 'connack', undefined, 'out').map((p) => p.packet['returnCode'])).toEqual([4]);
    expect(eventsOf(password[1], 'client-disconnected').length + eventsOf(password[1], 'connection-refused').length).toBeGreaterThan(0);
  });

  test('step 3: 5.0 §3.2.2.2 / 3.1.1 §3.2.2.3 no credentials: 0x87 for 5.0, return code 5 for 3.1.1', () => {
    const connacks = packets(password[2], 'connack', undefined, 'out');
    expect(connacks.map((p) => p.packet['reasonCode'] ?? `rc${String(p.packet['returnCode'])}`)).toEqual([0x87, 'rc5']);
  });

  test('step 4: the right password is accepted with reason code 0', () => {
    expect(packets(password[3], 'connack', undefined, 'out').map((p) => p.packet['reasonCode'])).toEqual([0]);
  });
});

describe('demo 04-security/acl-refusals on the real broker', () => {
  test('step 1: three clients accepted; the dashboard granted devices/+/telemetry', () => {
    expect(packets(acl[0], 'connack', undefined, 'out').map((p) => p.packet['reasonCode'] ?? p.packet['returnCode'])).toEqual([0, 0, 0]);
    expect(packets(acl[0], 'suback', 'dashboard')[0]!.packet['granted']).toEqual([1]);
  });

  test('step 2: 5.0 §3.9.3 one SUBACK code per filter: own topic granted, devices/# refused with 0x87', () => {
    const [subscribe] = packets(acl[1], 'subscribe', 'sensor-1', 'in');
    expect((subscribe!.packet['subscriptions'] as { topic: string }[]).map((s) => s.topic)).toEqual(['devices/sensor-1/cmd', 'devices/#']);
    expect(packets(acl[1], 'suback', 'sensor-1')[0]!.packet['granted']).toEqual([1, 0x87]);
    expect(eventsOf(acl[1], 'subscription-denied').map((e) => e.topic)).toEqual(['devices/#']);
  });

  test('step 3: 3.1.1 §3.9.3 a refused subscription gets the one failure code 0x80', () => {
    expect(packets(acl[2], 'suback', 'legacy-7')[0]!.packet['granted']).toEqual([0x80]);
  });

  test('step 4: 5.0 §3.4.2.1 forged publish gets PUBACK 0x87; 3.1.1 [MQTT-3.3.5-2] gets a plain PUBACK; neither reaches the dashboard', () => {
    expect(packets(acl[3], 'puback', 'sensor-1', 'out').map((p) => p.packet['reasonCode'])).toEqual([0x87, 0]);
    const legacyAck = packets(acl[3], 'puback', 'legacy-7', 'out');
    expect(legacyAck).toHaveLength(1);
    expect(legacyAck[0]!.packet['reasonCode']).toBeUndefined();
    expect(eventsOf(acl[3], 'publish-denied').map((e) => `${e.clientId} ${e.topic}`)).toEqual([
      'sensor-1 devices/legacy-7/telemetry',
      'legacy-7 devices/sensor-1/telemetry',
    ]);
    expect(packets(acl[3], 'publish', 'dashboard', 'out').map((p) => p.packet['topic'])).toEqual(['devices/sensor-1/telemetry']);
    expect((packets(acl[3], 'publish', 'dashboard', 'out')[0]!.packet['payload'] as { utf8: string }).utf8).toBe('21.5');
  });
});

const flow = (entries: RecordEntry[] | undefined, clientId: string): string[] =>
  (entries ?? [])
    .filter((e): e is PacketEntry => e.kind === 'packet' && e.clientId === clientId)
    .map((e) => `${e.direction} ${e.packet.cmd}${e.packet['reasonCode'] !== undefined ? ` 0x${(e.packet['reasonCode'] as number).toString(16)}` : ''}`);
const property = (entry: PacketEntry | undefined, name: string): unknown => (entry?.packet['properties'] as Record<string, unknown> | undefined)?.[name];

describe('demo 04-security/scram-login on the real broker', () => {
  test('step 1: 5.0 §4.12 CONNECT → AUTH 0x18 [MQTT-4.12.0-2] → AUTH 0x18 [MQTT-4.12.0-3] → CONNACK 0x00 with the method [MQTT-4.12.0-5]; no password on the wire', () => {
    expect(flow(scram[0], 'meter-12')).toEqual(['in connect', 'out auth 0x18', 'in auth 0x18', 'out connack 0x0']);
    const all = packets(scram[0], 'auth').concat(packets(scram[0], 'connack'));
    for (const entry of all) expect(property(entry, 'authenticationMethod')).toBe('SCRAM-SHA-256');
    expect((property(packets(scram[0], 'connack')[0], 'authenticationData') as { utf8: string }).utf8).toMatch(/^v=/);
    expect(JSON.stringify(scram[0])).not.toContain('spring-2026');
    expect(eventsOf(scram[0], 'client-authenticated').map((e) => e.clientId)).toEqual(['meter-12']);
  });

  test('step 2: [MQTT-4.12.0-4] a wrong password is refused with CONNACK 0x86 after the challenge', () => {
    expect(flow(scram[1], 'meter-12-old')).toEqual(['in connect', 'out auth 0x18', 'in auth 0x18', 'out connack 0x86']);
  });

  test('step 3: [MQTT-4.12.0-1] an unsupported method gets CONNACK 0x8C and no AUTH', () => {
    expect(flow(scram[2], 'meter-12-krb')).toEqual(['in connect', 'out connack 0x8c']);
  });

  test('step 4: 5.0 §4.12.1 re-authentication AUTH 0x19 → 0x18 → 0x18 → AUTH 0x00 while a PUBLISH goes through', () => {
    const renew = flow(scram[3], 'meter-12-renew');
    expect(renew.filter((p) => p.includes('auth'))).toEqual(['out auth 0x18', 'in auth 0x18', 'in auth 0x19', 'out auth 0x18', 'in auth 0x18', 'out auth 0x0']);
    expect(renew).toContain('out puback 0x0');
    expect(renew.some((p) => p.includes('disconnect'))).toBe(false);
    expect(eventsOf(scram[3], 'client-authenticated').map((e) => e.detail?.['reauthentication'])).toEqual([false, true]);
  });
});
