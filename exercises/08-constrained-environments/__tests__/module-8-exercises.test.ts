/**
 * The module 8 exercises grade what they teach: each starter fails the checks that carry the
 * lesson, and near misses of the solutions — right idea, one cost left in — fail the right check.
 * Real runs on the sandbox broker with the exercise's own scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grade } from '../../../src/exercise-engine/grader.ts';
import { loadExercise } from '../../../src/exercise-engine/node/load-exercises.ts';
import { runExercise } from '../../../src/exercise-engine/runner/run-in-node.ts';

async function failedChecks(slug: string, code?: string): Promise<string[]> {
  const loaded = await loadExercise(new URL(`../${slug}`, import.meta.url).pathname);
  const results = grade(loaded.checks, await runExercise(loaded, code ?? loaded.exercise.starter));
  return results.filter((result) => !result.pass).map((result) => result.id);
}

const solution = (slug: string): string => readFileSync(new URL(`../${slug}/solution.ts`, import.meta.url), 'utf8');

/** The solution with one text replaced; fails the test if the text is not there. */
function variant(slug: string, from: string, to: string): string {
  const code = solution(slug);
  expect(code).toContain(from);
  return code.replace(from, to);
}

describe('bandwidth-budget', () => {
  it('the starter (JSON, full topic, QoS 1) is over budget, sends no alias and uses QoS 1', { timeout: 20_000 }, async () => {
    expect(await failedChecks('bandwidth-budget')).toEqual(expect.arrayContaining([
      'within-byte-budget:250', 'used-topic-alias:factory/building-7/line-3/sensor-0042/climate',
      'published-at-qos:factory/building-7/line-3/sensor-0042/climate:0', 'received-readings:factory/building-7/line-3/sensor-0042/climate',
    ]));
  });

  it('3.1.1 §4.3.2 binary and aliased but at QoS 1: packet identifiers and PUBACKs break the budget', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('bandwidth-budget', variant('bandwidth-budget', '{ qos: 0, properties', '{ qos: 1, properties'));
    expect(failed).toEqual(['within-byte-budget:250', 'published-at-qos:factory/building-7/line-3/sensor-0042/climate:0']);
  });

  it('5.0 §3.3.2.3.4 binary at QoS 0 but the full topic every time: over budget, no alias', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('bandwidth-budget', variant('bandwidth-budget', "index === 0 ? TOPIC : ''", 'TOPIC'));
    expect(failed).toEqual(['within-byte-budget:250', 'used-topic-alias:factory/building-7/line-3/sensor-0042/climate']);
  });

  it('a temperature written without its sign reaches the dashboard as +3.5 °C instead of -3.5 °C', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('bandwidth-budget', variant('bandwidth-budget',
      'payload.writeInt16BE(Math.round(temperature * 10), 0);',
      'payload.writeUInt16BE(Math.abs(Math.round(temperature * 10)), 0);'));
    expect(failed).toEqual(['received-readings:factory/building-7/line-3/sensor-0042/climate']);
  });
});

describe('sleepy-meter', () => {
  it('the starter (fresh session each wake-up, keep-alive 60 s) loses the commands queued while it slept', { timeout: 20_000 }, async () => {
    expect(await failedChecks('sleepy-meter')).toEqual(expect.arrayContaining([
      'session-outlives-sleep:3600', 'keep-alive-between:300:540', 'session-resumed', 'no-message-lost-offline:meters/meter-9/cmd',
    ]));
  });

  it('5.0 §3.1.2.11.2 Clean Start 0 without a Session Expiry Interval: the session ends at each DISCONNECT', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('sleepy-meter', variant('sleepy-meter', 'properties: { sessionExpiryInterval: 7200 },', ''));
    expect(failed).toEqual(expect.arrayContaining(['session-outlives-sleep:3600', 'session-resumed', 'no-message-lost-offline:meters/meter-9/cmd']));
  });

  it('3.1.1 [MQTT-3.14.4-3] a meter that drops its link instead of disconnecting fails the clean-sleep check', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('sleepy-meter', variant('sleepy-meter', 'await client.endAsync();', 'client.stream.destroy();'));
    expect(failed).toContain('woke-and-slept-cleanly:3');
  });
});
