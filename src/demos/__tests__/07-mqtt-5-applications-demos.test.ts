/**
 * The module 7 demos on request/response, subscription options and flow control, played against
 * the real sandbox broker with real MQTT.js clients: every packet their explanations talk about
 * must actually cross the wire in the step that explains it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import flowControlWindow from '../../../exercises/07-mqtt-5-features/demos/flow-control-window.ts';
import requestResponse from '../../../exercises/07-mqtt-5-features/demos/request-response.ts';
import subscriptionOptions from '../../../exercises/07-mqtt-5-features/demos/subscription-options.ts';
import { peakInFlight } from '../../exercise-engine/checks/mqtt5-features.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { packets, playByStep } from './play-by-step.ts';

const payload = (entry: PacketEntry | undefined): string | undefined => (entry?.packet['payload'] as { utf8?: string } | undefined)?.utf8;
const properties = (entry: PacketEntry | undefined): Record<string, unknown> => (entry?.packet['properties'] as Record<string, unknown> | undefined) ?? {};
const correlation = (entry: PacketEntry | undefined): string | undefined => (properties(entry)['correlationData'] as { utf8?: string } | undefined)?.utf8;

describe('demo 07-mqtt-5-features/request-response on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(requestResponse));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.2.2.3.15 Request Response Information = 1 is answered with Response Information; the heater subscribes', () => {
    expect(packets(step(1), 'connect', undefined, 'in')[0]!.packet).toMatchObject({ clientId: 'app-1', properties: { requestResponseInformation: true } });
    expect(properties(packets(step(1), 'connack', 'app-1')[0])['responseInformation']).toBe('replies/app-1');
    // [MQTT-3.1.2-28]: the heater did not ask, and gets none.
    expect(properties(packets(step(1), 'connack', 'heater-3')[0])).not.toHaveProperty('responseInformation');
    expect(packets(step(1), 'subscribe', 'app-1', 'in')[0]!.packet['subscriptions']).toMatchObject([{ topic: 'replies/app-1/#' }]);
    expect(packets(step(1), 'subscribe', 'heater-3', 'in')[0]!.packet['subscriptions']).toMatchObject([{ topic: 'home/heater-3/get' }]);
  });

  test('step 2: 5.0 [MQTT-3.3.2-15] [MQTT-3.3.2-16] both properties forwarded unaltered; the answers come back in the other order, matched by Correlation Data', () => {
    const requests = packets(step(2), 'publish', 'app-1', 'in');
    expect(requests.map((r) => [payload(r), properties(r)['responseTopic'], correlation(r)])).toEqual([
      ['temperature', 'replies/app-1/heater-3', 'req-1'],
      ['mode', 'replies/app-1/heater-3', 'req-2'],
    ]);
    const forwarded = packets(step(2), 'publish', 'heater-3', 'out');
    expect(forwarded.map((r) => [payload(r), properties(r)['responseTopic'], correlation(r)])).toEqual([
      ['temperature', 'replies/app-1/heater-3', 'req-1'],
      ['mode', 'replies/app-1/heater-3', 'req-2'],
    ]);
    const responses = packets(step(2), 'publish', 'app-1', 'out');
    expect(responses.map((r) => [r.packet['topic'], payload(r), correlation(r)])).toEqual([
      ['replies/app-1/heater-3', 'eco', 'req-2'],
      ['replies/app-1/heater-3', '21.5', 'req-1'],
    ]);
  });

  test('step 3: an unanswered request is acknowledged with 0x00 and nothing comes back', () => {
    const request = packets(step(3), 'publish', 'app-1', 'in');
    expect(request.map((r) => r.packet['topic'])).toEqual(['home/heater-9/get']);
    expect(packets(step(3), 'puback', 'app-1', 'out').map((p) => p.packet['reasonCode'] ?? 0)).toEqual([0]);
    expect(packets(step(3), 'publish', 'app-1', 'out')).toEqual([]);
    expect(packets(step(3), 'disconnect', undefined, 'in')).toHaveLength(2);
  });
});

describe('demo 07-mqtt-5-features/subscription-options on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  const ids = (entry: PacketEntry | undefined): number[] => [properties(entry)['subscriptionIdentifier'] ?? []].flat() as number[];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(subscriptionOptions));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.8.3.1 the options byte is 0x15 and the new subscription gets the retained rules with identifier 1', () => {
    const subscribe = packets(step(1), 'subscribe', 'ada', 'in')[0]!;
    expect(subscribe.packet['subscriptions']).toMatchObject([{ topic: 'chat/lobby/+', qos: 1, nl: true, rh: 1 }]);
    const raw = Buffer.from(subscribe.raw, 'base64');
    expect(raw[raw.length - 1]).toBe(0x15);
    const delivered = packets(step(1), 'publish', 'ada', 'out');
    expect(delivered.map((d) => [d.packet['topic'], d.packet['retain'], ids(d)])).toEqual([['chat/lobby/pinned', true, [1]]]);
  });

  test('step 2: 5.0 [MQTT-3.8.3-3] No Local — Ada’s message reaches Grace, not Ada; Grace, without No Local, gets her own back', () => {
    expect(packets(step(2), 'publish', 'grace', 'out').map(payload)).toEqual(['hello, lobby', 'hi Ada!']);
    expect(packets(step(2), 'publish', 'ada', 'out').map(payload)).toEqual(['hi Ada!']);
  });

  test('step 3: 5.0 [MQTT-3.3.1-10] Retain Handling 1 sends nothing for an existing subscription, [MQTT-3.3.1-9] Retain Handling 0 sends it again', () => {
    expect(packets(step(3), 'suback', 'ada', 'out')).toHaveLength(1);
    expect(packets(step(3), 'publish', 'ada', 'out')).toEqual([]);
    expect(packets(step(3), 'publish', 'grace', 'out').map((d) => [payload(d), d.packet['retain']])).toEqual([['Rules: be kind, no spam.', true]]);
  });

  test('step 4: 5.0 [MQTT-3.3.1-12] [MQTT-3.3.1-13] RETAIN = 0 for the others, kept as published for the archiver', () => {
    const retainOf = (client: string) => packets(step(4), 'publish', client, 'out').map((d) => d.packet['retain']);
    expect(packets(step(4), 'publish', 'moderator', 'in')[0]!.packet['retain']).toBe(true);
    expect(retainOf('ada')).toEqual([false]);
    expect(retainOf('grace')).toEqual([false]);
    expect(retainOf('archiver')).toEqual([true]);
  });

  test('step 5: 5.0 [MQTT-3.3.4-4] one PUBLISH carrying both subscription identifiers', () => {
    const delivered = packets(step(5), 'publish', 'ada', 'out');
    expect(delivered.map((d) => [payload(d), ids(d).sort()])).toEqual([['Rules: be kind.', [1, 2]]]);
    expect(delivered[0]!.packet['qos']).toBe(1);
  });
});

describe('demo 07-mqtt-5-features/flow-control-window on the real broker', () => {
  let steps: RecordEntry[][] = [];
  let backend: NodeDemoBackend;
  const step = (n: number): RecordEntry[] => steps[n - 1] ?? [];
  beforeAll(async () => {
    ({ steps, backend } = await playByStep(flowControlWindow));
  }, 20_000);
  afterAll(() => backend.close());

  test('step 1: 5.0 §3.1.2.11.3 the writer announces 2; §3.2.2.3.3 every CONNACK announces the broker’s 2', () => {
    expect(properties(packets(step(1), 'connect', undefined, 'in')[0])['receiveMaximum']).toBe(2);
    const connacks = packets(step(1), 'connack', undefined, 'out');
    expect(connacks).toHaveLength(2);
    for (const connack of connacks) expect(properties(connack)['receiveMaximum']).toBe(2);
  });

  test('step 2: 5.0 [MQTT-3.3.4-7] the publisher never has more than 2 in flight, [MQTT-3.3.4-9] nor does the broker towards the writer', () => {
    const record = { version: 1 as const, startedAt: '', entries: step(2) };
    expect(peakInFlight(record, 'in', 'plc-7')).toEqual({ peak: 2, sent: 6 });
    expect(peakInFlight(record, 'out', 'writer')).toEqual({ peak: 2, sent: 6 });
    expect(packets(step(2), 'publish', 'writer', 'out').map(payload)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(packets(step(2), 'disconnect')).toEqual([]);
  });

  test('step 3: 5.0 §4.9 a third unacknowledged PUBLISH gets DISCONNECT 0x93', () => {
    expect(packets(step(3), 'publish', 'plc-7', 'in').map(payload)).toEqual(['e7', 'e8', 'e9']);
    expect(packets(step(3), 'disconnect', 'plc-7', 'out').map((d) => d.packet['reasonCode'])).toEqual([0x93]);
    expect(packets(step(3), 'publish', 'writer', 'out').map(payload)).toEqual(['e7', 'e8']);
  });
});
