/**
 * The module 2 demos, played against the real sandbox broker with real MQTT.js clients: every
 * packet and event their explanations talk about must actually happen in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrokerEventEntry, PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import lastWill from '../../../exercises/02-topics-and-messages/demos/last-will.ts';
import retained from '../../../exercises/02-topics-and-messages/demos/retained-set-replace-clear.ts';
import wildcards from '../../../exercises/02-topics-and-messages/demos/wildcards-and-sys.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { playByStep } from './play-by-step.ts';


const backends: NodeDemoBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const publishes = (entries: RecordEntry[], clientId: string, direction: 'in' | 'out'): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === 'publish' && e.clientId === clientId && e.direction === direction);
const packetsOf = (entries: RecordEntry[], cmd: string, clientId: string): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && e.clientId === clientId);
const eventsOf = (entries: RecordEntry[], event: string): BrokerEventEntry[] =>
  entries.filter((e): e is BrokerEventEntry => e.kind === 'event' && e.event === event);
const text = (entry: PacketEntry | undefined): string | undefined => (entry?.packet['payload'] as { utf8?: string } | undefined)?.utf8;
const summary = (entry: PacketEntry): string => `${String(entry.packet['topic'])}=${text(entry) ?? ''} retain=${String(entry.packet['retain'])}`;

describe('demo 02-topics-and-messages/retained-set-replace-clear on the real broker', () => {
  let byStep: RecordEntry[][];
  const step = (n: number): RecordEntry[] => byStep[n - 1] ?? [];
  beforeAll(async () => {
    byStep = (await playByStep(retained, { backends })).steps;
  }, 20_000);

  test('steps 1–2: 3.1.1 [MQTT-3.3.1-5] two retained PUBLISHes from the thermostat, forwarded to nobody', () => {
    expect(publishes(step(1), 'thermostat', 'in').map(summary)).toEqual(['home/hall/thermostat/setpoint=20 retain=true']);
    expect(publishes(step(2), 'thermostat', 'in').map(summary)).toEqual(['home/hall/thermostat/setpoint=22.5 retain=true']);
    expect([...step(1), ...step(2)].filter((e) => e.kind === 'packet' && e.direction === 'out' && e.packet.cmd === 'publish')).toEqual([]);
  });

  test('step 3: 3.1.1 [MQTT-3.3.1-6] / [MQTT-3.3.1-8] the late dashboard gets only 22.5, with RETAIN = 1, after its SUBACK', () => {
    const delivered = publishes(step(3), 'dashboard', 'out');
    expect(delivered.map(summary)).toEqual(['home/hall/thermostat/setpoint=22.5 retain=true']);
    expect(packetsOf(step(3), 'suback', 'dashboard')[0]!.seq).toBeLessThan(delivered[0]!.seq);
  });

  test('step 4: 3.1.1 [MQTT-3.3.1-9] a retained message forwarded on an established subscription has RETAIN = 0', () => {
    expect(publishes(step(4), 'thermostat', 'in')[0]!.packet['retain']).toBe(true);
    expect(publishes(step(4), 'dashboard', 'out').map(summary)).toEqual(['home/hall/thermostat/setpoint=21 retain=false']);
  });

  test('step 5: 3.1.1 [MQTT-3.3.1-10] the zero-length retained PUBLISH is forwarded as a normal, empty message', () => {
    expect(publishes(step(5), 'thermostat', 'in').map(summary)).toEqual(['home/hall/thermostat/setpoint= retain=true']);
    expect(publishes(step(5), 'dashboard', 'out').map(summary)).toEqual(['home/hall/thermostat/setpoint= retain=false']);
  });

  test('step 6: 3.1.1 [MQTT-3.3.1-11] after the clear, a new subscription is granted and receives nothing', () => {
    expect(packetsOf(step(6), 'suback', 'late-dashboard')[0]!.packet['granted']).toEqual([1]);
    expect(publishes(step(6), 'late-dashboard', 'out')).toEqual([]);
  });
});

describe('demo 02-topics-and-messages/last-will on the real broker', () => {
  let byStep: RecordEntry[][];
  const step = (n: number): RecordEntry[] => byStep[n - 1] ?? [];
  beforeAll(async () => {
    byStep = (await playByStep(lastWill, { backends })).steps;
  }, 20_000);

  test('step 1: the CONNECT of pump-7 carries a will with QoS 1 and Will Retain 1 (Connect Flags 0x2e)', () => {
    const [connect] = packetsOf(step(1), 'connect', 'pump-7');
    expect(connect!.packet['will']).toMatchObject({ topic: 'devices/pump-7/status', qos: 1, retain: true });
    // Connect Flags: clean start 0x02 | will flag 0x04 | will QoS 1 0x08 | will retain 0x20.
    expect(atob(connect!.raw).charCodeAt(9)).toBe(0x2e);
  });

  test('step 2: 3.1.1 [MQTT-3.1.2-8] the cut link ends without DISCONNECT and the will reaches the monitor', () => {
    expect(eventsOf(step(2), 'client-disconnected')[0]).toMatchObject({ clientId: 'pump-7', reason: 'link cut by instrument' });
    expect(packetsOf(step(2), 'disconnect', 'pump-7')).toEqual([]);
    expect(eventsOf(step(2), 'will-published')[0]).toMatchObject({ clientId: 'pump-7', topic: 'devices/pump-7/status' });
    const [toMonitor] = publishes(step(2), 'monitor', 'out');
    expect(summary(toMonitor!)).toBe('devices/pump-7/status=offline retain=false');
    expect(toMonitor!.packet['qos']).toBe(1);
  });

  test('step 3: 3.1.1 [MQTT-3.14.4-3] after DISCONNECT the will is discarded: the monitor gets only online', () => {
    expect(packetsOf(step(3), 'disconnect', 'valve-2')).toHaveLength(1);
    expect(eventsOf(step(3), 'will-published')).toEqual([]);
    expect(publishes(step(3), 'monitor', 'out').map(summary)).toEqual(['devices/valve-2/status=online retain=false']);
  });

  test('step 4: 5.0 §3.1.3.2.2 a cut link with a Will Delay Interval of 30 s publishes nothing yet', () => {
    expect(packetsOf(step(4), 'connect', 'fan-3')[0]!.packet['will']).toMatchObject({ properties: { willDelayInterval: 30 } });
    expect(eventsOf(step(4), 'client-disconnected')[0]).toMatchObject({ clientId: 'fan-3', reason: 'link cut by instrument' });
    expect(eventsOf(step(4), 'will-published')).toEqual([]);
    expect(publishes(step(4), 'monitor', 'out').map(summary)).toEqual(['devices/fan-3/status=online retain=false']);
  });

  test('step 5: 5.0 §3.1.3.2.2 when the delay has elapsed the broker publishes the will', () => {
    expect(eventsOf(step(5), 'will-published')[0]).toMatchObject({ clientId: 'fan-3', topic: 'devices/fan-3/status' });
    expect(publishes(step(5), 'monitor', 'out').map(summary)).toEqual(['devices/fan-3/status=offline retain=false']);
  });

  test('step 6: 5.0 §3.14.2.1 DISCONNECT with reason code 0x04 has the will published', () => {
    expect(packetsOf(step(6), 'disconnect', 'door-4')[0]!.packet['reasonCode']).toBe(0x04);
    expect(eventsOf(step(6), 'will-published')[0]).toMatchObject({ clientId: 'door-4', topic: 'devices/door-4/status' });
    expect(publishes(step(6), 'monitor', 'out').map(summary)).toEqual(['devices/door-4/status=offline retain=false']);
  });
});

describe('demo 02-topics-and-messages/wildcards-and-sys on the real broker', () => {
  let byStep: RecordEntry[][];
  const step = (n: number): RecordEntry[] => byStep[n - 1] ?? [];
  beforeAll(async () => {
    byStep = (await playByStep(wildcards, { backends })).steps;
  }, 20_000);

  test('step 1: 3.1.1 [MQTT-4.7.2-1] admin ($SYS/#) gets the retained $SYS topics; logger (#) gets none', () => {
    const sys = publishes(step(1), 'admin', 'out');
    const statistics = sys.filter((entry) => String(entry.packet['topic']).startsWith('$SYS/broker/'));
    expect(statistics.map((e) => e.packet['topic'])).toContain('$SYS/broker/clients/connected');
    expect(statistics.every((entry) => entry.packet['retain'] === true)).toBe(true);
    // aedes also announces each subscription live on its own `$SYS/<broker id>/new/subscribes`, as the explanation says.
    expect(sys.some((entry) => /^\$SYS\/[^/]+\/new\/subscribes$/.test(String(entry.packet['topic'])) && entry.packet['retain'] === false)).toBe(true);
    expect(publishes(step(1), 'logger', 'out')).toEqual([]);
  });

  test('step 2: 3.1.1 [MQTT-4.7.1-2] / [MQTT-4.7.1-3] # matches every depth, + exactly one level', () => {
    expect(publishes(step(2), 'logger', 'out').map((e) => e.packet['topic'])).toEqual([
      'home/kitchen/temperature', 'home/kitchen/fridge/temperature', 'home/kitchen',
    ]);
    expect(publishes(step(2), 'kitchen', 'out').map((e) => e.packet['topic'])).toEqual(['home/kitchen/temperature']);
  });

  test('step 3: 3.1.1 [MQTT-4.7.2-1] live $SYS updates reach admin with RETAIN = 0 and never logger', () => {
    const sys = publishes(step(3), 'admin', 'out');
    expect(sys.map((e) => e.packet['topic'])).toContain('$SYS/broker/clients/connected');
    expect(sys.every((entry) => entry.packet['retain'] === false)).toBe(true);
    expect(publishes(step(3), 'logger', 'out')).toEqual([]);
  });

  test('quiz 02-topics-and-messages/hash-and-sys: over the whole demo, logger (#) never receives a $-topic; admin does', () => {
    const all = byStep.flat();
    expect(publishes(all, 'logger', 'out').filter((e) => String(e.packet['topic']).startsWith('$'))).toEqual([]);
    expect(publishes(all, 'admin', 'out').map((e) => e.packet['topic'])).toContain('$SYS/broker/clients/connected');
    expect(packetsOf(step(1), 'subscribe', 'logger')[0]!.packet['subscriptions']).toEqual([expect.objectContaining({ topic: '#', rh: 0 })]);
  });
});
