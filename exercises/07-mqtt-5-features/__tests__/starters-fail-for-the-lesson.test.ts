/**
 * Each module 7 starter fails the checks that carry the exercise's lesson, and so do the near
 * misses a learner is likely to write: Correlation Data round-tripped through a string, Retain
 * Handling 2 instead of 1, a window wider than asked for.
 */
import { describe, expect, it } from 'vitest';
import { peakInFlight } from '../../../src/exercise-engine/checks/mqtt5-features.ts';
import { refusals } from '../../../src/exercise-engine/checks/reason-codes.ts';
import { events, packets } from '../../../src/exercise-engine/checks/record-query.ts';
import { grade } from '../../../src/exercise-engine/grader.ts';
import { loadExercise } from '../../../src/exercise-engine/node/load-exercises.ts';
import { runExercise } from '../../../src/exercise-engine/runner/run-in-node.ts';
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';

async function run(slug: string, edit?: (solution: string) => string): Promise<{ failed: string[]; record: RunRecord }> {
  const loaded = await loadExercise(new URL(`../${slug}`, import.meta.url).pathname);
  const source = edit ? edit(loaded.exercise.solution) : loaded.exercise.starter;
  if (edit) expect(source).not.toBe(loaded.exercise.solution);
  const record = await runExercise(loaded, source);
  return { failed: grade(loaded.checks, record).filter((result) => !result.pass).map((result) => result.id), record };
}

describe('module 7 starters and near misses fail for the reason the exercise teaches', () => {
  it('price-responder: 5.0 §4.10 answers on a fixed topic without Correlation Data reach no kiosk', async () => {
    const { failed } = await run('price-responder');
    expect(failed).toEqual(expect.arrayContaining(['answered-every-request:shop/prices/get', 'delivered:shop/replies/kiosk-1:kiosk-1']));
  });

  it('price-responder: 5.0 [MQTT-3.3.2-16] Correlation Data turned into a string and back no longer matches the binary requests', async () => {
    const { failed } = await run('price-responder', (s) => s.replace('correlationData ? { correlationData }', 'correlationData ? { correlationData: Buffer.from(correlationData.toString()) }'));
    expect(failed).toEqual(['answered-every-request:shop/prices/get']);
  });

  it('chat-without-echo: 5.0 [MQTT-3.8.3-3] and [MQTT-3.3.1-9] without options, Ada gets her own messages and the rules twice', async () => {
    const { failed } = await run('chat-without-echo');
    expect(failed).toEqual(['subscribed-with-options:chat/lobby/+', 'own-messages-not-echoed:chat/lobby/+', 'retained-only-for-new-subscription:chat/lobby/pinned']);
  });

  it('chat-without-echo: 5.0 [MQTT-3.3.1-11] Retain Handling 2 hides the rules even on the first start', async () => {
    const { failed } = await run('chat-without-echo', (s) => s.replace('rh: 1 }', 'rh: 2 }'));
    expect(failed).toEqual(['retained-only-for-new-subscription:chat/lobby/pinned']);
  });

  it('slow-consumer: 5.0 [MQTT-3.3.4-9] without Receive Maximum all twelve events are in flight at once; with 3, never more than 3', async () => {
    const starter = await run('slow-consumer');
    expect(starter.failed).toEqual(['in-flight-to-client-at-most:3']);
    expect(peakInFlight(starter.record, 'out', 'event-writer')).toEqual({ peak: 12, sent: 12 });
    const wide = await run('slow-consumer', (s) => s.replace('receiveMaximum: 3', 'receiveMaximum: 6'));
    expect(wide.failed).toEqual(['in-flight-to-client-at-most:3']);
    expect(peakInFlight(wide.record, 'out', 'event-writer').peak).toBe(6);
  });

  it('act-on-reason-codes: 5.0 [MQTT-4.4.0-2] the starter resends each message refused with 0x87 and reports none', async () => {
    const { failed, record } = await run('act-on-reason-codes');
    expect(failed).toEqual(['refused-not-retried:0x87', 'returned-refused-topics:0x87']);
    expect(refusals(record, 0x87).map(({ publish }) => publish.packet['topic'])).toEqual([
      ...Array<string>(3).fill('plant/hall-2/valves/v3/set'), ...Array<string>(3).fill('plant/hall-3/temperature/t9'),
    ]);
  });

  it('act-on-reason-codes: stopping the batch at the first 0x87 loses the readings after it', async () => {
    const { failed } = await run('act-on-reason-codes', (s) => s.replace("if (code !== 0x87) throw err;", 'throw err;'));
    expect(failed).toEqual(['received-all:plant/#', 'returned-refused-topics:0x87']);
  });

  it('act-on-reason-codes: 3.1.1 [MQTT-3.3.5-2] a 3.1.1 gateway is never told: no 0x87 to act on', async () => {
    const { failed, record } = await run('act-on-reason-codes', (s) => s.replace('protocolVersion: 5', 'protocolVersion: 4'));
    expect(failed).toEqual(['refused-not-retried:0x87', 'returned-refused-topics:0x87']);
    expect(refusals(record, 0x87)).toEqual([]);
  });

  it('commands-that-go-stale: 5.0 [MQTT-3.3.2-5] without a lifetime the sleeping pump runs the stale command first', async () => {
    const { failed } = await run('commands-that-go-stale');
    expect(failed).toEqual(['every-publish-carries:devices/pump-4/commands', 'stale-not-delivered:devices/pump-4/commands:{"speed":80}', 'returned-user-property:devices/pump-4/acks:trace-id']);
  });

  it('commands-that-go-stale: 5.0 [MQTT-3.3.2-6] the fresh command reaches the pump with its interval reduced by its wait, its trace id unaltered', async () => {
    // The solution itself: run() takes an edit to mean "not the starter", so add a harmless newline.
    const { failed, record } = await run('commands-that-go-stale', (s) => `${s}\n`);
    expect(failed).toEqual([]);
    const [delivery] = packets(record, 'publish', 'out', 'pump-4').filter((entry) => entry.packet['topic'] === 'devices/pump-4/commands');
    const properties = delivery?.packet['properties'] as { messageExpiryInterval?: number; userProperties?: Record<string, string> } | undefined;
    expect(properties?.messageExpiryInterval).toBeLessThan(2);
    expect(properties?.userProperties).toEqual({ 'trace-id': '00f067aa' });
    expect(events(record, 'message-expired', 'pump-4').map((event) => event.topic)).toEqual(['devices/pump-4/commands']);
  });

  it('commands-that-go-stale: a lifetime longer than the pump sleeps lets the stale command through', async () => {
    const { failed } = await run('commands-that-go-stale', (s) => s.replace('messageExpiryInterval: 2,', 'messageExpiryInterval: 10,'));
    expect(failed).toEqual(['every-publish-carries:devices/pump-4/commands', 'stale-not-delivered:devices/pump-4/commands:{"speed":80}']);
  });
});
