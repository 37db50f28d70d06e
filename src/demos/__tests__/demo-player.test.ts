import { afterEach, expect, test } from 'vitest';
import { defineDemo, type Demo } from '../define-demo.ts';
import { DemoPlayer } from '../demo-player.ts';
import { demoIds, hasDemo, loadDemo } from '../demo-registry.ts';
import { createNodeDemoBackend, type NodeDemoBackend } from '../node-backend.ts';

let backend: NodeDemoBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

function countingDemo(runs: string[]): Demo {
  const step = (title: string) => ({
    title,
    explain: `does ${title}`,
    async run(ctx: Parameters<Demo['steps'][number]['run']>[0]) {
      runs.push(title);
      const client = await ctx.client(`c-${title}`);
      await client.publishAsync('t', title, { qos: 1 });
      await ctx.untilQuiet();
    },
  });
  return defineDemo({ id: 'test/counting', title: 'Counting', description: 'three steps', steps: [step('a'), step('b'), step('c')] });
}

test('Step runs exactly one step and pauses; Play runs the rest and finishes', async () => {
  const runs: string[] = [];
  backend = createNodeDemoBackend();
  const player = new DemoPlayer(countingDemo(runs), backend);
  await player.step();
  expect(runs).toEqual(['a']);
  expect(player.snapshot).toMatchObject({ status: 'paused', current: 0, next: 1 });
  await player.play();
  expect(runs).toEqual(['a', 'b', 'c']);
  expect(player.snapshot).toMatchObject({ status: 'finished', current: 2, next: 3 });
});

test('Pause during a step lets that step finish and stops before the next', async () => {
  const runs: string[] = [];
  backend = createNodeDemoBackend();
  const player = new DemoPlayer(countingDemo(runs), backend);
  const playing = player.play();
  player.pause();
  await playing;
  expect(runs).toEqual(['a']);
  expect(player.snapshot.status).toBe('paused');
});

test('Restart ends the clients, gives a fresh broker and an empty record, and starts from step 1', async () => {
  const runs: string[] = [];
  backend = createNodeDemoBackend();
  const player = new DemoPlayer(countingDemo(runs), backend);
  await player.step();
  expect(backend.broker.recorder.entries.length).toBeGreaterThan(0);
  await player.restart();
  expect(backend.broker.recorder.entries).toEqual([]);
  expect(player.snapshot).toEqual({ status: 'ready', current: -1, next: 0 });
  await player.step();
  expect(runs).toEqual(['a', 'a']);
  expect(backend.broker.recorder.entries.some((e) => e.kind === 'packet' && e.packet.cmd === 'connect')).toBe(true);
});

test('a failing step stops the demo and says which step failed and why', async () => {
  backend = createNodeDemoBackend();
  const demo = defineDemo({
    id: 'test/failing',
    title: 'Failing',
    description: 'fails',
    steps: [{ title: 'boom', explain: 'throws', run: () => Promise.reject(new Error('no broker')) }],
  });
  const player = new DemoPlayer(demo, backend);
  await player.play();
  expect(player.snapshot).toMatchObject({ status: 'failed', error: 'Step 1 (boom) failed: no broker' });
});

test('listeners hear every state change, in order', async () => {
  backend = createNodeDemoBackend();
  const player = new DemoPlayer(countingDemo([]), backend);
  const seen: string[] = [];
  player.onChange((state) => seen.push(`${state.status}:${state.current}`));
  await player.step();
  expect(seen).toEqual(['running:0', 'running:0', 'paused:0']);
});

test('defineDemo rejects a malformed id, an empty demo and a step without explanation', () => {
  const base = { id: 'a/b', title: 'T', description: 'D', steps: [{ title: 's', explain: 'e', run: async () => {} }] };
  expect(() => defineDemo({ ...base, id: 'no-slash' })).toThrow(/<module>\/<slug>/);
  expect(() => defineDemo({ ...base, steps: [] })).toThrow(/at least one step/);
  expect(() => defineDemo({ ...base, steps: [{ title: 's', explain: ' ', run: async () => {} }] })).toThrow(/step 1/);
});

test('the registry finds demos by <module>/<slug> and checks the declared id', async () => {
  expect(demoIds()).toContain('01-fundamentals/qos-handshakes');
  expect(hasDemo('01-fundamentals/qos-handshakes')).toBe(true);
  expect(hasDemo('01-fundamentals/nope')).toBe(false);
  expect((await loadDemo('01-fundamentals/qos-handshakes')).steps.length).toBe(6);
  await expect(loadDemo('01-fundamentals/nope')).rejects.toThrow(/exercises\/01-fundamentals\/demos\/nope\.ts/);
});
