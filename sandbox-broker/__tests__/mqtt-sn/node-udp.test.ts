/**
 * Node mode's MQTT-SN listener: real UDP datagrams to the gateway (MQTT-SN v1.2 over UDP), an
 * MQTT.js subscriber on the TCP listener receiving what the MQTT-SN client published.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodeSnPacket, encodeSnPacket, type SnPacket } from '../../src/mqtt-sn/codec.ts';
import { startNodeBroker, type RunningNodeBroker } from '../../src/node/serve.ts';

let dir: string;
let running: RunningNodeBroker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mqtt-sn-udp-'));
  running = await startNodeBroker({
    host: '127.0.0.1',
    ports: { mqtt: 0, mqtts: 0, ws: 0, wss: 0 },
    tlsDir: dir,
    broker: { mqttSn: { predefinedTopics: { '5': 'plant/level' } } },
    mqttSnPort: 0,
  });
});

afterAll(async () => {
  await running.close();
  await rm(dir, { recursive: true, force: true });
});

test('CONNECT, REGISTER and PUBLISH as UDP datagrams reach a TCP subscriber; QoS -1 needs no connection', async () => {
  const tcp = running.listeners.find((listener) => listener.kind === 'mqtt')!;
  const subscriber = await mqtt.connectAsync(tcp.url, { clientId: 'tcp-sub' });
  await subscriber.subscribeAsync('plant/#', { qos: 1 });
  const received: string[] = [];
  subscriber.on('message', (topic, payload) => received.push(`${topic}=${payload.toString()}`));

  const udp = createSocket('udp4');
  const replies: SnPacket[] = [];
  udp.on('message', (message) => {
    const decoded = decodeSnPacket(Uint8Array.from(message));
    if (decoded.ok) replies.push(decoded.packet);
  });
  const send = (packet: SnPacket): Promise<void> => new Promise((resolve) => udp.send(encodeSnPacket(packet), running.mqttSn!.port, '127.0.0.1', () => resolve()));
  const reply = async (type: string): Promise<SnPacket> => {
    for (let i = 0; i < 200 && !replies.some((p) => p.type === type); i++) await new Promise((r) => setTimeout(r, 10));
    return replies.find((p) => p.type === type)!;
  };

  await send({ type: 'publish', dup: false, qos: -1, retain: false, topicIdType: 1, topicId: 5, msgId: 0, data: new TextEncoder().encode('82') });
  await send({ type: 'connect', will: false, cleanSession: true, protocolId: 1, duration: 0, clientId: 'udp-node' });
  expect(await reply('connack')).toEqual({ type: 'connack', returnCode: 0 });
  await send({ type: 'register', topicId: 0, msgId: 1, topicName: 'plant/temp' });
  const regack = await reply('regack');
  expect(regack).toMatchObject({ msgId: 1, returnCode: 0 });
  await send({ type: 'publish', dup: false, qos: 1, retain: false, topicIdType: 0, topicId: (regack as { topicId: number }).topicId, msgId: 2, data: new TextEncoder().encode('19.5') });
  expect(await reply('puback')).toMatchObject({ msgId: 2, returnCode: 0 });
  for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  expect(received.sort()).toEqual(['plant/level=82', 'plant/temp=19.5']);
  udp.close();
  await subscriber.endAsync();
});
