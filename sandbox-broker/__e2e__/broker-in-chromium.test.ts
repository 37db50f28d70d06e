import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchChromium } from '../../test-support/chromium.ts';
import { startStaticServer } from '../../test-support/static-server.ts';
import { buildFixture } from './support/build-fixture.ts';
import { startFixtureDevServer } from './support/dev-server.ts';
import type { ScenarioResult } from './broker-page/scenario-types.ts';

const fixtureRoot = fileURLToPath(new URL('./broker-page/', import.meta.url));

/** The same page served the two ways the site is: bundled (`astro build`) and unbundled (`astro dev`). */
const servings = {
  'a production build': async () => {
    const fixture = await buildFixture(fixtureRoot);
    const server = await startStaticServer(fixture.outDir);
    return {
      origin: server.origin,
      close: async () => {
        await server.close();
        await fixture.remove();
      },
    };
  },
  "Vite's dev server": () => startFixtureDevServer(fixtureRoot),
};

describe.each(Object.entries(servings))('the sandbox broker in a Web Worker in Chromium, from %s', (_name, serve) => {
  let served: { origin: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    served = await serve();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('serves MQTT.js clients on the page and in another worker, and streams the record to the page', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${served.origin}/`);
    await page.waitForFunction(() => 'runScenario' in window);
    const result = await page.evaluate(() => (window as unknown as { runScenario(): Promise<ScenarioResult> }).runScenario());
    expect(errors).toEqual([]);

    expect(result.received).toEqual([
      { topic: 'lab/q0', qos: 0, payload: 'zero' },
      { topic: 'lab/q1', qos: 1, payload: 'one' },
      { topic: 'lab/q2', qos: 2, payload: 'two' },
    ]);
    expect(result.fromPeerWorker).toBe('hello from another worker');
    expect(result.will).toBe('peer worker gone');

    // Both legs of the QoS 2 exchange, as recorded by the broker and streamed live to the page.
    for (const packet of ['in connect', 'out connack', 'in subscribe', 'out suback', 'in publish', 'out pubrec', 'in pubrel', 'out pubcomp', 'out publish', 'in pubrec', 'out pubrel', 'in pubcomp']) {
      expect(result.livePackets).toContain(packet);
    }
    expect(result.liveEvents).toContain('will-published');
    expect(result.livePackets.length).toBe(result.snapshotPackets);
    await page.close();
  }, 60_000);
});
