/**
 * `npm run bench:broker`: messages per second through the sandbox broker, QoS 0, 1 and 2
 * (100-byte payloads, one publisher, one subscriber, fixed counts), in the same run:
 * - Node, in-memory links (`broker.connectLink()`);
 * - Chromium, broker in a module Web Worker, MQTT.js clients on the page;
 * - Chromium, broker in a module Web Worker, MQTT.js clients in another worker (the learner's place).
 * Each figure is the median of three runs after a warm-up. Prints a table and the in-page/Node
 * ratio (goal: at least 80 %), and writes bench-results/broker-throughput.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createSandboxBroker } from '../src/index.ts';
import { collectPageErrors, launchChromium } from '../../test-support/chromium.ts';
import { startStaticServer } from '../../test-support/static-server.ts';
import { buildFixture } from '../__e2e__/support/build-fixture.ts';
import { counts, measure, warmUpCount, type Measurement, type QoS } from './measure.ts';
import type { ClientPlace } from './browser/protocol.ts';

const levels: readonly QoS[] = [0, 1, 2];
const repeats = 3;

type Row = Record<QoS, number>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function medianOf(run: (qos: QoS, count: number) => Promise<Measurement>): Promise<Row> {
  const row = {} as Row;
  for (const qos of levels) {
    await run(qos, warmUpCount);
    const rates: number[] = [];
    for (let i = 0; i < repeats; i += 1) rates.push((await run(qos, counts[qos])).messagesPerSecond);
    row[qos] = median(rates);
  }
  return row;
}

async function inNode(): Promise<Row> {
  const broker = createSandboxBroker({ clock: 'real', sys: false });
  await broker.ready;
  try {
    return await medianOf(async (qos, count) => {
      broker.recorder.clear();
      return measure(() => broker.connectLink().stream, qos, count);
    });
  } finally {
    await broker.close();
  }
}

async function inChromium(): Promise<Record<ClientPlace, Row>> {
  const fixture = await buildFixture(fileURLToPath(new URL('./browser/', import.meta.url)));
  const server = await startStaticServer(fixture.outDir);
  const browser = await launchChromium();
  try {
    const page: Page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => 'runMeasurement' in window);
    const inPage = (place: ClientPlace) =>
      medianOf((qos, count) =>
        page.evaluate(
          ([where, level, n]) =>
            (window as unknown as { runMeasurement(place: ClientPlace, qos: QoS, count: number): Promise<Measurement> }).runMeasurement(where, level, n),
          [place, qos, count] as const,
        ),
      );
    const result = { page: await inPage('page'), worker: await inPage('worker') };
    if (errors.length > 0) throw new Error(`the bench page reported errors:\n${errors.join('\n')}`);
    return result;
  } finally {
    await browser.close();
    await server.close();
    await fixture.remove();
  }
}

const format = (n: number): string => n.toLocaleString('en-GB').padStart(9);
const percent = (a: number, b: number): string => `${Math.round((a / b) * 100)} %`.padStart(9);

const node = await inNode();
const chromium = await inChromium();
const rows: [string, Row][] = [
  ['Node 22, in-memory links', node],
  ['Chromium, broker in Worker, clients on page', chromium.page],
  ['Chromium, broker in Worker, clients in Worker', chromium.worker],
];
console.log(`\nSandbox broker throughput, msg/s (100-byte payloads, 1 publisher → 1 subscriber, median of ${repeats})`);
console.log(`${'where'.padEnd(48)}${levels.map((qos) => `QoS ${qos}`.padStart(9)).join('')}`);
for (const [where, row] of rows) console.log(`${where.padEnd(48)}${levels.map((qos) => format(row[qos])).join('')}`);
for (const [where, row] of rows.slice(1)) console.log(`${`${where} / Node`.padEnd(48)}${levels.map((qos) => percent(row[qos], node[qos])).join('')}`);
console.log('goal: in-page ≥ 80 % of Node');

await mkdir('bench-results', { recursive: true });
await writeFile(
  'bench-results/broker-throughput.json',
  JSON.stringify({ measuredAt: new Date().toISOString(), counts, repeats, node, chromiumClientsOnPage: chromium.page, chromiumClientsInWorker: chromium.worker }, null, 2),
);
