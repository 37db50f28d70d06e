/**
 * Each starter fails the checks that carry the exercise's lesson — not merely some check:
 * the wrong QoS, the lost session, the double-billed duplicate.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../../src/exercise-engine/grader.ts';
import { loadExercise } from '../../../src/exercise-engine/node/load-exercises.ts';
import { runExercise } from '../../../src/exercise-engine/runner/run-in-node.ts';

async function failedChecks(slug: string): Promise<string[]> {
  const loaded = await loadExercise(new URL(`../${slug}`, import.meta.url).pathname);
  const results = grade(loaded.checks, await runExercise(loaded, loaded.exercise.starter));
  return results.filter((result) => !result.pass).map((result) => result.id);
}

describe('module 3 starters fail for the reason the exercise teaches', () => {
  it('qos-per-data-type: 3.1.1 §4.3 the alarm and billing streams are at the wrong QoS, and [MQTT-3.8.4-6] the record arrives below QoS 2', async () => {
    expect(await failedChecks('qos-per-data-type')).toEqual(expect.arrayContaining([
      'published-only-at:plant/line1/alarm:1', 'published-only-at:plant/line1/billing:2', 'subscribed:plant/line1/billing',
      'delivered:plant/line1/billing:any',
    ]));
  });

  it('offline-orders: 3.1.1 [MQTT-3.2.2-2] no session resumed and [MQTT-3.1.2-5] orders lost during the break', async () => {
    expect(await failedChecks('offline-orders')).toEqual(expect.arrayContaining([
      'connected-with-session', 'session-resumed', 'no-message-lost-offline:shop/orders',
    ]));
  });

  it('idempotent-meter: 3.1.1 [MQTT-4.3.2-2] the duplicated readings are billed twice and the total goes at QoS 0', async () => {
    expect(await failedChecks('idempotent-meter')).toEqual(expect.arrayContaining([
      'published-only-at:billing/m-17/total:2', 'publish-handshake:billing/m-17/total:2',
    ]));
  });
});
