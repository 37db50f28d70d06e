/**
 * The module 6 checks against real runs (Node runner, real broker and MQTT.js, the exercises'
 * own scenarios) of learner code that gets one thing wrong: each such variant must fail exactly
 * the check about that thing, while the reference solutions pass them all (exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../grader.ts';
import { loadExercise, type LoadedExercise } from '../../node/load-exercises.ts';
import { runExercise } from '../../runner/run-in-node.ts';

const exerciseDir = (slug: string): string => new URL(`../../../../exercises/06-client-libraries/${slug}`, import.meta.url).pathname;

async function failedChecks(slug: string, edit: (solution: string) => string): Promise<string[]> {
  const loaded: LoadedExercise = await loadExercise(exerciseDir(slug));
  const code = edit(loaded.exercise.solution);
  expect(code).not.toBe(loaded.exercise.solution);
  const record = await runExercise(loaded, code);
  return grade(loaded.checks, record).filter((result) => !result.pass).map((result) => result.id);
}

describe('module 6 checks on real runs', () => {
  it('a fleet that doubles its delay without jitter backs off, but arrives in lockstep: only the spread check fails', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('fleet-backoff', (code) => code.replace('Math.random() * Math.min', 'Math.min'));
    expect(failed).toEqual(['attempts-spread-out']);
  });

  it('a fleet with jitter around a fixed period spreads out, but never backs off: only the backoff check fails', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('fleet-backoff', (code) => code.replace('Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt)', '150 + Math.random() * 300'));
    expect(failed).toEqual(['backed-off-during-outage']);
  });

  it('a meter that does not reconnect after the first cut fails the reconnection and delivery checks', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('survive-outages', (code) => code.replace('reconnectPeriod: 200,', 'reconnectPeriod: 0,'));
    expect(failed).toEqual(expect.arrayContaining(['came-back-after-every-fault', 'session-resumed', 'received-every-payload:plant/meter-7/energy']));
  });

  it('a bridge that acknowledges in the message event (before the API stored the reading) fails only the acknowledgement check', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('http-bridge', (code) => code
      .replace('client.handleMessage = (packet, callback) => {', "client.on('message', (_topic, payload) => {")
      .replace('store(packet.payload.toString()).then(() => {\n    stored++;\n    callback();\n  }, (error: Error) => callback(error));\n};',
        'void store(payload.toString()).then(() => { stored++; });\n});'));
    expect(failed).toEqual(['acknowledged-after-forwarding:site/+/temperature']);
  });

  it('a bridge that forgets which commands it published publishes one twice: only the command check fails', { timeout: 20_000 }, async () => {
    const failed = await failedChecks('http-bridge', (code) => code
      .replace('if (bridged.has(command.id)) continue;', '')
      .replace("await fetch(`${API}/commands/${command.id}/ack`, { method: 'POST' });", "setTimeout(() => void fetch(`${API}/commands/${command.id}/ack`, { method: 'POST' }), 250);"));
    expect(failed).toEqual(['commands-bridged:/api/commands']);
  });
});
