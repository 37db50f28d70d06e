import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import { clientOf } from '../../checks/record-query.ts';
import { runInNode } from '../run-in-node.ts';

const commands = (record: RunRecord): string[] =>
  record.entries.flatMap((entry) => (entry.kind === 'packet' ? [`${clientOf(record, entry)}:${entry.direction}:${entry.packet.cmd}`] : []));
const printed = (record: RunRecord): string[] =>
  record.entries.flatMap((entry) => (entry.kind === 'console' ? [`${entry.level}:${entry.text}`] : []));

describe('runInNode', () => {
  it('records the packets of a real MQTT.js client and its console output, then completes', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'smoke' });
      await client.publishAsync('a/b', 'hi', { qos: 1 });
      console.log('sent', { n: 1 }, [1, 'two']);
      console.warn('careful');
      await client.endAsync();
    `);
    expect(record.outcome?.status).toBe('completed');
    expect(commands(record)).toEqual(['smoke:in:connect', 'smoke:out:connack', 'smoke:in:publish', 'smoke:out:puback', 'smoke:in:disconnect']);
    expect(printed(record)).toEqual(["log:sent { n: 1 } [ 1, 'two' ]", 'warn:careful']);
  });

  it('supports named imports, connect() with events, and URL credentials and clientId', async () => {
    const record = await runInNode(`
      import { connect } from 'mqtt';
      const client = connect('mqtt://ada:secret@sandbox?clientId=from-url');
      client.on('connect', () => client.end());
    `);
    const connect = record.entries.find((entry) => entry.kind === 'packet' && entry.packet.cmd === 'connect');
    expect(connect?.kind === 'packet' && connect.packet).toMatchObject({ clientId: 'from-url', username: 'ada' });
    expect(record.outcome?.status).toBe('completed');
  });

  it('reconnects over a fresh link when the client reconnects', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'again', reconnectPeriod: 50 });
      client.stream.destroy();
      await new Promise((resolve) => client.once('connect', resolve));
      await client.endAsync();
    `);
    const links = new Set(record.entries.flatMap((entry) => (entry.kind === 'packet' && entry.packet.cmd === 'connect' ? [entry.linkId] : [])));
    expect(links.size).toBe(2);
    expect(record.outcome?.status).toBe('completed');
  });

  it('reports an error thrown by the code with the learner\'s line', async () => {
    const record = await runInNode(['const a: number = 1;', '', 'if (a === 1) {', "  throw new Error('boom');", '}'].join('\n'));
    expect(record.outcome).toMatchObject({ status: 'threw', message: 'Error: boom', line: 4 });
  });

  it('reports an error thrown later, in a callback, with its line', async () => {
    const record = await runInNode(['import mqtt from "mqtt";', 'const client = mqtt.connect("mqtt://sandbox");', 'client.on("connect", () => {', '  JSON.parse("{");', '});'].join('\n'));
    expect(record.outcome).toMatchObject({ status: 'threw', line: 4 });
  });

  it('reports code that does not compile, with its line, without running it', async () => {
    const record = await runInNode('const ok = 1;\nconst = 2;\n');
    expect(record.outcome?.status).toBe('threw');
    expect(record.outcome?.message).toMatch(/does not compile/);
    expect(record.outcome?.line).toBe(2);
  });

  it('refuses imports other than mqtt', async () => {
    const record = await runInNode("import fs from 'node:fs';\nconsole.log(fs);");
    expect(record.outcome).toMatchObject({ status: 'threw', line: 1 });
    expect(record.outcome?.message).toMatch(/Only 'mqtt' and 'mqtt-sn' can be imported/);
  });

  it('stops an infinite loop within 2 s and keeps the record made before it', async () => {
    const started = Date.now();
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'looper' });
      console.log('about to loop');
      while (true) {}
    `, { timeLimitMs: 10_000 });
    const elapsed = Date.now() - started;
    expect(record.outcome?.status).toBe('timed-out');
    expect(record.outcome?.message).toMatch(/without yielding — an infinite loop\? Stopped\./);
    expect(elapsed).toBeLessThan(4000);
    // On the broker's clock: from the loop's start to the broker seeing the worker's link dropped.
    const loopStart = record.entries.find((entry) => entry.kind === 'console')?.time ?? 0;
    const dropped = record.entries.find((entry) => entry.kind === 'event' && entry.event === 'client-disconnected')?.time ?? Infinity;
    expect(dropped - loopStart).toBeLessThan(2000);
    expect(commands(record)).toContain('looper:in:connect');
    expect(printed(record)).toEqual(['log:about to loop']);
    // The terminated worker's link was dropped by the host: the broker saw the client go.
    expect(record.entries.some((entry) => entry.kind === 'event' && entry.event === 'client-disconnected' && entry.clientId === 'looper')).toBe(true);
  });

  it('stops code that keeps waiting at the time limit', async () => {
    const record = await runInNode('await new Promise(() => setInterval(() => undefined, 100));', { timeLimitMs: 600 });
    expect(record.outcome).toMatchObject({ status: 'timed-out', message: expect.stringMatching(/still running after 0.6 s/) });
  });

  it('ends when the wire has been idle after the top-level code finished, even with a client left open', async () => {
    const started = Date.now();
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = mqtt.connect('mqtt://sandbox', { clientId: 'left-open' });
      client.on('connect', () => client.subscribe('x'));
    `, { timeLimitMs: 5000 });
    expect(record.outcome?.status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(commands(record)).toContain('left-open:in:subscribe');
  });

  it('with end.afterMs, keeps listening until that time', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'late' });
      setTimeout(() => client.publish('late/news', 'now'), 400);
    `, { end: { afterMs: 700 } });
    expect(record.outcome?.status).toBe('completed');
    expect(commands(record)).toContain('late:in:publish');
  });

  it('is stopped by its abort signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const record = await runInNode('await new Promise(() => setInterval(() => undefined, 50));', { signal: controller.signal, timeLimitMs: 5000 });
    expect(record.outcome).toMatchObject({ status: 'stopped' });
  });

  it('returns the default export as the returned value', async () => {
    const record = await runInNode('export default { answer: 42 };');
    expect(record.outcome).toMatchObject({ status: 'completed', returned: { answer: 42 } });
  });

  it('runs a scenario\'s peers beside the code, and lists them as peers in the record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    try {
      const scenario = join(dir, 'scenario.ts');
      writeFileSync(scenario, [
        'export default async (lab) => {',
        "  const sensor = await lab.connect({ clientId: 'sensor' });",
        "  await sensor.subscribeAsync('ping', { qos: 0 });",
        "  sensor.on('message', () => sensor.publish('pong', 'ok'));",
        '};',
      ].join('\n'));
      const record = await runInNode(`
        import mqtt from 'mqtt';
        const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'me' });
        await client.subscribeAsync('pong');
        const pong = new Promise((resolve) => client.on('message', resolve));
        client.publish('ping', 'hi');
        await pong;
        await client.endAsync();
      `, { scenario: pathToFileURL(scenario).href });
      expect(record.outcome?.status).toBe('completed');
      expect(record.peers).toEqual(['sensor']);
      expect(commands(record)).toContain('me:out:publish');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not run the code when the scenario fails to start, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    try {
      const scenario = join(dir, 'scenario.ts');
      writeFileSync(scenario, "export default async () => { throw new Error('no sensors'); };\n");
      const record = await runInNode("console.log('ran');", { scenario: pathToFileURL(scenario).href });
      expect(record.outcome).toMatchObject({ status: 'threw', message: "The exercise's scenario failed to start: Error: no sensors" });
      expect(printed(record)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
