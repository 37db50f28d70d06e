/**
 * `node … sandbox-broker/bench/profile-workers.ts [page|worker] [qos] [count]`: CPU profiles of
 * every thread of the browser bench (the page, the broker worker, the clients' worker) during one
 * measurement, through the Chrome DevTools Protocol. Prints each thread's top functions by self
 * time and writes the .cpuprofile files to bench-results/ (open them in Chromium's DevTools).
 * The tool behind the throughput work; figures come from `npm run bench:broker`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../../test-support/chromium.ts';
import { startStaticServer } from '../../test-support/static-server.ts';
import { buildFixture } from '../__e2e__/support/build-fixture.ts';
import type { ClientPlace } from './browser/protocol.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

const place = (process.argv[2] ?? 'worker') as ClientPlace;
const qos = Number(process.argv[3] ?? 1);
const count = Number(process.argv[4] ?? 10_000);

/** Sends a command to a worker attached without flattening (Target.sendMessageToTarget). */
class WorkerChannel {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  constructor(
    private readonly session: CDPSession,
    readonly sessionId: string,
    readonly url: string,
  ) {}
  receive(message: string): void {
    const parsed = JSON.parse(message) as { id?: number; result?: unknown };
    if (parsed.id !== undefined) this.waiting.get(parsed.id)?.(parsed.result);
  }
  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve as (result: unknown) => void);
      // A clients' worker of an earlier measurement is gone: its commands answer nothing.
      this.session.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve(undefined as T));
    });
  }
}

function topFunctions(profile: Profile, n = 18): string[] {
  const interval = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => interval.set(id, (interval.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = interval.get(node.id) ?? 0;
    total += us;
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const idle = byFunction.get('(idle) :-1') ?? 0;
  const busy = `busy ${((total - idle) / 1000).toFixed(0)} ms = ${((total - idle) / count).toFixed(1)} µs per message`;
  return [busy, ...[...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`)];
}

const fixture = await buildFixture(fileURLToPath(new URL('./browser/', import.meta.url)));
const server = await startStaticServer(fixture.outDir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const session = await page.context().newCDPSession(page);
  const workers: WorkerChannel[] = [];
  session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (event.targetInfo.type === 'worker') workers.push(new WorkerChannel(session, event.sessionId, event.targetInfo.url));
  });
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    workers.find((worker) => worker.sessionId === event.sessionId)?.receive(event.message);
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => 'runMeasurement' in window);
  const run = (n: number) =>
    page.evaluate(([where, level, total]) => (window as unknown as { runMeasurement(p: string, q: number, c: number): Promise<{ messagesPerSecond: number }> }).runMeasurement(where, level, total), [place, qos, n] as const);
  await run(2_000); // warm-up; in 'worker' mode this also starts (and attaches) a clients' worker
  // A clients' worker lives for one measurement: start the profilers as soon as the next one attaches.
  const profiled = new Set<WorkerChannel>();
  const startProfiling = async (worker: WorkerChannel): Promise<void> => {
    if (profiled.has(worker)) return;
    profiled.add(worker);
    await worker.send('Profiler.enable');
    await worker.send('Profiler.setSamplingInterval', { interval: 200 });
    await worker.send('Profiler.start');
  };
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  const known = workers.length;
  for (const worker of workers) await startProfiling(worker);
  const watcher = setInterval(() => workers.slice(known).forEach((worker) => void startProfiling(worker)), 1);
  const result = await run(count);
  clearInterval(watcher);
  console.log(`${place} QoS ${qos}: ${result.messagesPerSecond} msg/s`);
  await mkdir('bench-results', { recursive: true });
  const { profile } = await session.send('Profiler.stop');
  await writeFile(`bench-results/profile-${place}-qos${qos}-page.cpuprofile`, JSON.stringify(profile));
  console.log('\n== page');
  console.log(topFunctions(profile as unknown as Profile).join('\n'));
  for (const [i, worker] of [...profiled].entries()) {
    const stopped = await Promise.race([worker.send<{ profile: Profile }>('Profiler.stop'), new Promise<undefined>((resolve) => setTimeout(resolve, 3_000))]);
    if (!stopped) continue; // a clients' worker already terminated
    await writeFile(`bench-results/profile-${place}-qos${qos}-worker${i}.cpuprofile`, JSON.stringify(stopped.profile));
    console.log(`\n== worker ${i} ${worker.url.split('/').pop()}`);
    console.log(topFunctions(stopped.profile).join('\n'));
  }
} finally {
  await browser.close();
  await server.close();
  await fixture.remove();
}
