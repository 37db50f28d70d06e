/**
 * `npm run broker -- --persist file`: retained messages and persistent sessions survive a restart
 * (3.1.1 [MQTT-3.1.2-4] / 5.0 §4.1 the session state a server keeps; 3.1.1 §3.3.1.3 / 5.0 §3.3.1.3
 * retained messages), checked by stopping a real node-mode broker and starting another on the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type IPublishPacket } from 'mqtt';
import { startNodeBroker, type RunningNodeBroker } from '../src/node/serve.ts';
import type { PersistedState } from '../src/persisted-state.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'node-persist-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const start = (persistFile: string): Promise<RunningNodeBroker> =>
  startNodeBroker({ host: '127.0.0.1', ports: { mqtt: 0, mqtts: 0, ws: 0, wss: 0 }, tlsDir: join(dir, 'tls'), broker: { sys: false }, persistFile });

const connect = (running: RunningNodeBroker, options: IClientOptions) => {
  const tcp = running.listeners.find((listener) => listener.kind === 'mqtt');
  return mqtt.connectAsync(`mqtt://127.0.0.1:${tcp?.port}`, { reconnectPeriod: 0, ...options });
};

/** A client and its CONNACK, for checking Session Present. */
function open(running: RunningNodeBroker, options: IClientOptions) {
  const tcp = running.listeners.find((listener) => listener.kind === 'mqtt');
  const client = mqtt.connect(`mqtt://127.0.0.1:${tcp?.port}`, { reconnectPeriod: 0, ...options });
  const connack = new Promise<{ sessionPresent: boolean }>((resolve) => client.once('connect', resolve));
  return { client, connack };
}

function messages(client: mqtt.MqttClient, count: number): Promise<IPublishPacket[]> {
  const got: IPublishPacket[] = [];
  return new Promise((resolve) => {
    client.on('message', (_topic, _payload, packet) => {
      got.push(packet);
      if (got.length === count) resolve(got);
    });
  });
}

describe('node mode --persist', () => {
  it('retained messages, subscriptions and queued messages of persistent sessions survive a restart', async () => {
    const file = join(dir, 'state.json');
    const first = await start(file);
    const pub = await connect(first, { clientId: 'pub', protocolVersion: 5 });
    await pub.publishAsync('lab/lamp', 'on', { qos: 1, retain: true, properties: { correlationData: Buffer.from([0, 255]) } });
    const keeper = await connect(first, { clientId: 'keeper', protocolVersion: 4, clean: false });
    await keeper.subscribeAsync('lab/queue', { qos: 1 });
    await keeper.endAsync();
    const keeper5 = await connect(first, { clientId: 'keeper5', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 300 } });
    await keeper5.subscribeAsync('lab/other', { qos: 1 });
    const passer = await connect(first, { clientId: 'passer', protocolVersion: 4, clean: true });
    await passer.subscribeAsync('lab/queue', { qos: 1 });
    await pub.publishAsync('lab/queue', 'while-away', { qos: 1 });
    await pub.endAsync();
    await first.close(); // keeper5 and passer are still connected: the broker goes down under them

    const saved = JSON.parse(await readFile(file, 'utf8')) as PersistedState;
    expect(saved.retained.map((packet) => packet['topic'])).toEqual(['lab/lamp']);
    expect(saved.sessions.map((session) => session.clientId).sort()).toEqual(['keeper', 'keeper5']);
    expect(saved.sessions.find((session) => session.clientId === 'keeper5')?.expiresInSeconds).toBe(300);

    const second = await start(file);
    try {
      const viewer = await connect(second, { clientId: 'viewer', protocolVersion: 5 });
      const retained = messages(viewer, 1);
      await viewer.subscribeAsync('lab/lamp');
      const [lamp] = await retained;
      expect(lamp?.payload.toString()).toBe('on');
      expect(lamp?.retain).toBe(true);
      expect([...(lamp?.properties?.correlationData ?? [])]).toEqual([0, 255]);

      const back = open(second, { clientId: 'keeper', protocolVersion: 4, clean: false });
      const queued = messages(back.client, 1);
      // 3.1.1 [MQTT-3.2.2-2]: the session was kept, so Session Present is 1, and the queued message arrives.
      expect((await back.connack).sessionPresent).toBe(true);
      expect((await queued)[0]?.payload.toString()).toBe('while-away');

      // 5.0 [MQTT-3.2.2-3]: so was the 5.0 session that was connected when the broker stopped.
      const back5 = open(second, { clientId: 'keeper5', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 300 } });
      expect((await back5.connack).sessionPresent).toBe(true);
      // A clean session is not saved.
      const passerBack = open(second, { clientId: 'passer', protocolVersion: 4, clean: false });
      expect((await passerBack.connack).sessionPresent).toBe(false);
      await Promise.all([passerBack.client.endAsync(), back.client.endAsync(), back5.client.endAsync()]);
      await viewer.endAsync();
    } finally {
      await second.close();
    }
  });

  it('a file that is not a state refuses the start, names the file and is left as it was', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"retained": 3}');
    await expect(start(file)).rejects.toThrow(/broken\.json: not an MQTT Lab broker state file/);
    expect(await readFile(file, 'utf8')).toBe('{"retained": 3}');
  });
});
