/**
 * The module 6 demo, played against the real sandbox broker with real MQTT.js clients: the
 * Session Present flags, the SUBSCRIBE (or its absence) and the jobs each explanation names
 * must be in the step that names them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import reconnectDemo from '../../../exercises/06-client-libraries/demos/reconnect-and-resume.ts';
import herdDemo from '../../../exercises/06-client-libraries/demos/thundering-herd.ts';
import type { NodeDemoBackend } from '../node-backend.ts';
import { eventsOf, packets, playByStep } from './play-by-step.ts';

const backends: NodeDemoBackend[] = [];
let steps: RecordEntry[][] = [];

beforeAll(async () => {
  steps = (await playByStep(reconnectDemo, { backends })).steps;
}, 30_000);

afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

const payloads = (entries: RecordEntry[] | undefined, clientId: string): string[] =>
  packets(entries ?? [], 'publish', clientId, 'out').map((p) => (p.packet['payload'] as { utf8?: string }).utf8 ?? '');
const all = (): RecordEntry[] => steps.flat();

describe('demo 06-client-libraries/reconnect-and-resume on the real broker', () => {
  test('step 1: a first connection with Clean Start 0 gets Session Present 0 and the subscription is granted', () => {
    expect(packets(steps[0] ?? [], 'connack', 'worker', 'out').map((p) => p.packet['sessionPresent'])).toEqual([false]);
    expect(packets(steps[0] ?? [], 'suback', 'worker', 'out')[0]?.packet['granted']).toEqual([1]);
  });

  test('step 2: the link is cut without DISCONNECT; job-1 is published while the worker is away, before it reconnects', () => {
    expect(eventsOf(steps[1] ?? [], 'client-disconnected').find((e) => e.clientId === 'worker')?.reason).toBe('link cut by instrument');
    expect(packets(steps[1] ?? [], 'disconnect', 'worker', 'in')).toEqual([]);
    const cut = eventsOf(steps[1] ?? [], 'client-disconnected').find((e) => e.clientId === 'worker')?.seq ?? Infinity;
    const published = packets(steps[1] ?? [], 'publish', 'dispatcher', 'in')[0];
    expect(published?.seq).toBeGreaterThan(cut);
  });

  test('step 3: 3.1.1 [MQTT-3.2.2-2] MQTT.js reconnects with Clean Start 0, gets Session Present 1 and job-1, and sends no SUBSCRIBE', () => {
    expect(packets(steps[1] ?? [], 'connack', 'worker', 'out')).toEqual([]);
    const afterCut = steps[2] ?? [];
    expect(packets(afterCut, 'connack', 'worker', 'out').map((p) => p.packet['sessionPresent'])).toEqual([true]);
    expect(payloads(afterCut, 'worker')).toEqual(['job-1']);
    expect(packets(afterCut, 'subscribe', 'worker', 'in')).toEqual([]);
  });

  test('step 4: the restart loses the sessions; job-2 is published before the worker is back and reaches nobody', () => {
    expect(eventsOf(steps[3] ?? [], 'broker-restarted')[0]?.detail).toEqual({ keepSessions: false });
    const reconnected = packets(steps.slice(3).flat(), 'connack', 'worker', 'out')[0]?.seq ?? -1;
    const job2 = packets(steps[3] ?? [], 'publish', 'dispatcher2', 'in')[0]?.seq ?? Infinity;
    expect(job2).toBeLessThan(reconnected);
    expect(payloads(all(), 'worker')).not.toContain('job-2');
  });

  test('step 5: Session Present 0, MQTT.js resubscribes by itself, and job-3 arrives', () => {
    expect(packets(steps[3] ?? [], 'connack', 'worker', 'out')).toEqual([]);
    const afterRestart = steps[4] ?? [];
    expect(packets(afterRestart, 'connack', 'worker', 'out').map((p) => p.packet['sessionPresent'])).toEqual([false]);
    const subscribe = packets(afterRestart, 'subscribe', 'worker', 'in');
    expect(subscribe).toHaveLength(1);
    expect(subscribe[0]?.packet['subscriptions']).toMatchObject([{ topic: 'jobs', qos: 1 }]);
    expect(payloads(afterRestart, 'worker')).toEqual(['job-3']);
  });
});

describe('demo 06-client-libraries/thundering-herd on the real broker', () => {
  let herd: RecordEntry[][] = [];
  beforeAll(async () => {
    herd = (await playByStep(herdDemo, { backends })).steps;
  }, 30_000);

  /** CONNECT times after the outage's restart, per attempt round: the clients' n-th attempts together. */
  const rounds = (entries: RecordEntry[]): number[][] => {
    const restart = eventsOf(entries, 'broker-restarted')[0]?.seq ?? Infinity;
    const byLink = new Map<number, string>();
    for (const e of entries) if (e.kind === 'packet' && e.clientId !== '') byLink.set(e.linkId, e.clientId);
    const byClient = new Map<string, number[]>();
    for (const c of packets(entries, 'connect', undefined, 'in').filter((p) => p.seq > restart)) {
      const id = byLink.get(c.linkId) ?? '?';
      byClient.set(id, [...(byClient.get(id) ?? []), c.time]);
    }
    const lists = [...byClient.values()];
    const n = Math.min(...lists.map((list) => list.length));
    return Array.from({ length: n }, (_, i) => lists.map((list) => list[i] ?? 0));
  };
  const spread = (times: number[]): number => Math.max(...times) - Math.min(...times);

  test('step 2: with a fixed 1 s period, all five clients make each attempt together, about a second apart, and are let in after the outage', () => {
    const attempts = rounds(herd[1] ?? []);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    for (const round of attempts) expect(spread(round)).toBeLessThan(100);
    expect(packets(herd[1] ?? [], 'connack', undefined, 'out').filter((p) => p.packet['reasonCode'] === 0)).toHaveLength(5);
  });

  test('step 3: with backoff and full jitter, the same five spread out, and all get back in', () => {
    const attempts = rounds(herd[2] ?? []);
    expect(Math.max(...attempts.map(spread))).toBeGreaterThanOrEqual(100);
    const accepted = packets(herd[2] ?? [], 'connack', undefined, 'out').filter((p) => p.packet['reasonCode'] === 0 && p.seq > (eventsOf(herd[2] ?? [], 'broker-restarted')[0]?.seq ?? Infinity));
    expect(accepted).toHaveLength(5);
  });
});
