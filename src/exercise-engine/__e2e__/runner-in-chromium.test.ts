import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../../../test-support/chromium.ts';
import type { PageRunResult } from './runner-page/page-run-result.ts';
import { buildAndServe, serveFromDevServer, type ServedPage } from './runner-page-server.ts';

type RunExercise = (id: string, code: 'solution' | 'starter' | { source: string }, stopAfterMs?: number) => Promise<PageRunResult>;

describe.each([
  ['a production build', buildAndServe],
  ["Vite's dev server", serveFromDevServer],
])('the exercise runner in Chromium, from %s', (_name, serve) => {
  let served: ServedPage;
  let browser: Browser;

  beforeAll(async () => {
    served = await serve();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function run(...args: Parameters<RunExercise>): Promise<{ result: PageRunResult; errors: string[] }> {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(served.url);
    await page.waitForFunction(() => 'runExercise' in window);
    const result = await page.evaluate(
      ([id, code, stopAfterMs]) => (window as unknown as { runExercise: RunExercise }).runExercise(id, code, stopAfterMs),
      args,
    );
    await page.close();
    return { result, errors };
  }

  it('grades the reference solutions as passing and the starters as failing', async () => {
    for (const id of ['01-fundamentals/first-connection', '01-fundamentals/qos-at-a-glance']) {
      const solution = await run(id, 'solution');
      expect(solution.errors).toEqual([]);
      expect(solution.result.outcome?.status).toBe('completed');
      expect(solution.result.failed).toEqual([]);
      const starter = await run(id, 'starter');
      expect(starter.result.failed.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it("applies a scenario's faults (link cuts, a lost PUBACK, a broker restart) and serves its HTTP API in the page", async () => {
    for (const id of ['06-client-libraries/survive-outages', '06-client-libraries/http-bridge']) {
      const solution = await run(id, 'solution');
      expect(solution.errors).toEqual([]);
      expect(solution.result.outcome?.status).toBe('completed');
      expect(solution.result.failed).toEqual([]);
    }
  }, 60_000);

  it('captures console output', async () => {
    const { result } = await run('01-fundamentals/first-connection', 'solution');
    expect(result.console).toEqual(['received on lab/hello: hello, MQTT']);
  }, 30_000);

  it('stops an infinite loop within 2 s and keeps the record', async () => {
    const source = "import mqtt from 'mqtt';\nconst c = await mqtt.connectAsync('mqtt://sandbox');\nconsole.log('looping');\nwhile (true) {}\n";
    const { result } = await run('01-fundamentals/first-connection', { source });
    expect(result.outcome).toMatchObject({ status: 'timed-out', message: expect.stringMatching(/infinite loop/) });
    expect(result.packets).toBeGreaterThanOrEqual(2);
    expect(result.console).toEqual(['looping']);
    expect(result.firstConsoleToLastEntryMs).toBeLessThan(2000);
  }, 30_000);

  it('reports the learner\'s line of an error', async () => {
    const { result } = await run('01-fundamentals/first-connection', { source: 'const x = 1;\nnull.boom(x);\n' });
    expect(result.outcome).toMatchObject({ status: 'threw', line: 2 });
  }, 30_000);

  it('reports an error thrown later in a message callback, with its line', async () => {
    const source = [
      "import mqtt from 'mqtt';",
      "const client = await mqtt.connectAsync('mqtt://sandbox');",
      "client.on('message', () => {",
      "  JSON.parse('{');",
      '});',
      "await client.subscribeAsync('x');",
      "await client.publishAsync('x', 'y');",
    ].join('\n');
    const { result } = await run('01-fundamentals/first-connection', { source });
    expect(result.outcome).toMatchObject({ status: 'threw', line: 4 });
  }, 30_000);

  it('is stopped by Stop', async () => {
    const { result } = await run('01-fundamentals/first-connection', { source: 'await new Promise(() => setInterval(() => undefined, 50));' }, 400);
    expect(result.outcome).toMatchObject({ status: 'stopped' });
  }, 30_000);
});
