/**
 * The module 7 demos, played against the real sandbox broker with real MQTT.js clients: every
 * packet their explanations talk about must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import messageExpiryOffline from '../../../exercises/07-mqtt-5-features/demos/message-expiry-offline.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { packets, eventsOf, playByStep } from './play-by-step.ts';


const payload = (entry: PacketEntry | undefined): string | undefined => (entry?.packet['payload'] as { utf8?: string } | undefined)?.utf8;
const properties = (entry: PacketEntry | undefined): Record<string, unknown> => (entry?.packet['properties'] as Record<string, unknown> | undefined) ?? {};

describe('demo 07-mqtt-5-features/message-expiry-offline on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];

  beforeAll(async () => {
    ({ steps, backend } = await playByStep(messageExpiryOffline));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: a 5.0 persistent session with a QoS 1 subscription, then DISCONNECT', () => {
    expect(packets(step(1), 'connect', undefined, 'in')[0]!.packet).toMatchObject({ clientId: 'display', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 3600 } });
    expect(packets(step(1), 'suback', 'display')[0]!.packet['granted']).toEqual([1]);
    expect(packets(step(1), 'disconnect', 'display', 'in')).toHaveLength(1);
  });

  test('step 2: three QoS 1 PUBLISHes with their expiry and user properties, all acknowledged, none sent to the offline display', () => {
    const sent = packets(step(2), 'publish', 'scheduler', 'in');
    expect(sent.map(payload)).toEqual(['IC 815 delayed 5 min', 'IC 830 on time', 'Lift at platform 3 out of order']);
    expect(sent.map((p) => properties(p)['messageExpiryInterval'])).toEqual([60, 600, undefined]);
    expect(packets(step(2), 'puback', 'scheduler', 'out')).toHaveLength(3);
    expect(packets(step(2), 'publish', 'display')).toEqual([]);
  });

  test('step 3: moving the clock sends nothing', () => {
    expect(step(3).filter((e) => e.kind === 'packet')).toEqual([]);
  });

  test('step 4: 5.0 §3.3.2.3.3 the expired message is dropped, the other carries the interval minus the 120 s it waited', () => {
    const [connack] = packets(step(4), 'connack', 'display');
    expect(connack!.packet['sessionPresent']).toBe(true);
    const delivered = packets(step(4), 'publish', 'display', 'out');
    expect(delivered.map(payload)).toEqual(['IC 830 on time', 'Lift at platform 3 out of order']);
    expect(properties(delivered[0])['messageExpiryInterval']).toBe(480);
    expect(properties(delivered[1])).not.toHaveProperty('messageExpiryInterval');
    expect(eventsOf(step(4), 'message-expired').map((e) => e.topic)).toEqual(['station/12/departures']);
    expect(packets(step(4), 'puback', 'display', 'in')).toHaveLength(2);
  });

  test('step 4: 5.0 §3.3.2.3.7 user properties are forwarded unchanged and in order', () => {
    const delivered = packets(step(4), 'publish', 'display', 'out');
    const userProperties = delivered.map((p) => properties(p)['userProperties']);
    expect(userProperties).toEqual([{ 'trace-id': 'dep-830', source: 'dispatch-west' }, { 'trace-id': 'notice-3' }]);
    expect(Object.keys(userProperties[0] as object)).toEqual(['trace-id', 'source']);
  });
});
