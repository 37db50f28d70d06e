import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { loadBrokerConfig } from '../src/node/config.ts';
import type { OpenListener } from '../src/node/listeners.ts';
import { startNodeBroker, type RunningNodeBroker } from '../src/node/serve.ts';
import type { RecordEntry } from '../src/record-types.ts';

/** Debian's real clients (mosquitto-clients), as a learner would run them against `npm run broker`. */
function run(command: 'mosquitto_pub' | 'mosquitto_sub', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(`/usr/bin/${command}`, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const config = `
# users, ACL and limits for the node-mode test
users:
  alice: wonderland
  bob: builder
allowAnonymous: false
acl:
  - { username: alice, topic: 'lab/#', access: readwrite, allow: true }
  - { username: bob, topic: 'lab/public/#', access: subscribe, allow: true }
sys: false
`;

describe('node mode: the sandbox broker served over TCP, TLS and WebSocket', () => {
  let dir: string;
  let running: RunningNodeBroker;
  const seen: RecordEntry[] = [];
  const listener = (kind: OpenListener['kind']): OpenListener => {
    const found = running.listeners.find((candidate) => candidate.kind === kind);
    if (!found) throw new Error(`no ${kind} listener`);
    return found;
  };
  const subscribed = (clientId: string): Promise<void> =>
    expect.poll(() => seen.some((entry) => entry.kind === 'packet' && entry.clientId === clientId && entry.packet.cmd === 'suback'), { timeout: 5_000 }).toBe(true);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'node-mode-test-'));
    const configFile = join(dir, 'broker.yaml');
    await writeFile(configFile, config);
    running = await startNodeBroker({
      host: '127.0.0.1',
      ports: { mqtt: 0, mqtts: 0, ws: 0, wss: 0 },
      tlsDir: join(dir, 'tls'),
      broker: await loadBrokerConfig(configFile),
      onEntry: (entry) => seen.push(entry),
    });
  });

  afterAll(async () => {
    await running?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback only, on the four listeners', () => {
    expect(running.listeners.map((open) => open.kind)).toEqual(['mqtt', 'mqtts', 'ws', 'wss']);
    for (const open of running.listeners) expect(open.host).toBe('127.0.0.1');
    expect(listener('ws').url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/mqtt$/);
  });

  it('mosquitto_sub over TCP receives what mosquitto_pub sends over TLS, verified with the generated CA', async () => {
    const tcp = listener('mqtt');
    const tls = listener('mqtts');
    const sub = run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(tcp.port), '-i', 'sub-tcp', '-u', 'alice', '-P', 'wonderland', '-t', 'lab/tls', '-C', '1', '-W', '10']);
    await subscribed('sub-tcp');
    const pub = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(tls.port), '--cafile', running.tls.caFile, '-i', 'pub-tls', '-u', 'alice', '-P', 'wonderland', '-t', 'lab/tls', '-m', 'over TLS', '-q', '1', '-V', 'mqttv5']);
    expect(pub).toMatchObject({ code: 0, stderr: '' });
    expect((await sub).stdout).toBe('over TLS\n');
    expect(await readFile(running.tls.caFile, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('an MQTT.js client over WebSocket and one over secure WebSocket exchange messages with mosquitto clients', async () => {
    const ws = await mqtt.connectAsync(listener('ws').url, { clientId: 'mqttjs-ws', username: 'alice', password: 'wonderland', protocolVersion: 5, reconnectPeriod: 0 });
    await ws.subscribeAsync('lab/from-mosquitto', { qos: 1 });
    const received = new Promise<string>((resolve) => ws.once('message', (_topic, payload) => resolve(payload.toString())));
    const pub = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(listener('mqtt').port), '-u', 'alice', '-P', 'wonderland', '-t', 'lab/from-mosquitto', '-m', 'to the browser side', '-q', '1']);
    expect(pub.code).toBe(0);
    expect(await received).toBe('to the browser side');

    const sub = run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(listener('mqtt').port), '-i', 'sub-for-wss', '-u', 'alice', '-P', 'wonderland', '-t', 'lab/from-wss', '-C', '1', '-W', '10']);
    await subscribed('sub-for-wss');
    const wss = await mqtt.connectAsync(listener('wss').url, { clientId: 'mqttjs-wss', username: 'alice', password: 'wonderland', ca: running.tls.ca, reconnectPeriod: 0 });
    await wss.publishAsync('lab/from-wss', 'over secure WebSocket', { qos: 1 });
    expect((await sub).stdout).toBe('over secure WebSocket\n');
    await ws.endAsync();
    await wss.endAsync();
  });

  it('3.1.1 §3.2.2.3 refuses a CONNECT with a bad password from the config file (return code 4 or 5)', async () => {
    const pub = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(listener('mqtt').port), '-i', 'intruder', '-u', 'alice', '-P', 'not-the-password', '-t', 'lab/x', '-m', 'x']);
    expect(pub.code).not.toBe(0);
    expect(pub.stderr).toMatch(/Connection Refused: (bad user name or password|not authorised)/);
    expect(seen.some((entry) => entry.kind === 'event' && entry.event === 'connection-refused')).toBe(true);
  });

  it('3.1.1 §3.9.3 answers a subscription the ACL forbids with SUBACK return code 0x80 (Failure)', async () => {
    const sub = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(listener('mqtt').port), '-i', 'bob-sub', '-u', 'bob', '-P', 'builder', '-t', 'lab/secret/#', '-C', '1', '-W', '5']);
    // mosquitto_sub gives up (exit status 0) once every subscription is refused.
    expect(sub.stderr).toBe('All subscription requests were denied.\n');
    const suback = seen.find((entry) => entry.kind === 'packet' && entry.clientId === 'bob-sub' && entry.packet.cmd === 'suback');
    expect(suback?.kind === 'packet' ? suback.packet['granted'] : undefined).toEqual([0x80]);
    expect(seen.some((entry) => entry.kind === 'event' && entry.event === 'subscription-denied' && entry.clientId === 'bob-sub')).toBe(true);
  });
});
