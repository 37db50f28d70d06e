/**
 * The MQTT-SN gateway in front of the real sandbox broker: real MQTT.js subscribers on the MQTT
 * side, the project's MQTT-SN client on the datagram side, one test per procedure of MQTT-SN v1.2.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createSandboxBroker, type SandboxBroker, type SandboxBrokerOptions } from '../../src/index.ts';
import type { PacketEntry, RecordEntry, SnPacketEntry } from '../../src/record-types.ts';
import { MqttSnClient, MqttSnError } from '../../src/mqtt-sn/client.ts';
import { encodeSnPacket } from '../../src/mqtt-sn/codec.ts';
import { collect, connectClient, end, nextMessage, sleep, waitForEntry } from '../helpers.ts';

const PREDEFINED = { '1': 'plant/valve/state', '2': 'plant/valve/cmd' };
let brokers: SandboxBroker[] = [];
const clients: MqttSnClient[] = [];

function start(options: SandboxBrokerOptions = {}): SandboxBroker {
  const broker = createSandboxBroker({ clock: 'virtual', mqttSn: { predefinedTopics: PREDEFINED }, ...options });
  brokers.push(broker);
  return broker;
}

function snClient(broker: SandboxBroker): MqttSnClient {
  const client = new MqttSnClient(broker.mqttSn.openSocket(), { predefinedTopics: PREDEFINED, retryMs: 200 });
  clients.push(client);
  return client;
}

const sn = (entries: RecordEntry[], type?: string, direction?: 'in' | 'out'): SnPacketEntry[] =>
  entries.filter((e): e is SnPacketEntry => e.kind === 'sn-packet' && (type === undefined || e.packet.type === type) && (direction === undefined || e.direction === direction));
const mqtt = (entries: RecordEntry[], cmd: string, clientId: string): PacketEntry[] =>
  entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === cmd && e.clientId === clientId);
const gatewayNotes = (broker: SandboxBroker): string[] =>
  broker.recorder.entries.flatMap((e) => (e.kind === 'event' && e.event === 'gateway' ? [e.reason ?? ''] : []));

afterEach(async () => {
  for (const client of clients.splice(0)) if (!client.ended) client.end();
  await Promise.all(brokers.map((broker) => broker.close()));
  brokers = [];
});

describe('§6.2 connection setup', () => {
  test('CONNECT → CONNACK; the gateway opens an MQTT connection under the same ClientId (transparent gateway, §4.1)', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'node-1', keepAlive: 0 });
    const entries = broker.recorder.entries;
    expect(sn(entries, 'connect', 'in')[0]?.packet).toMatchObject({ clientId: 'node-1', protocolId: 1, duration: 0, cleanSession: true });
    expect(sn(entries, 'connack', 'out')[0]?.packet).toMatchObject({ returnCode: 0 });
    const connect = entries.find((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === 'connect');
    expect(connect?.packet).toMatchObject({ clientId: 'node-1', protocolVersion: 4, keepalive: 0 });
    expect(broker.mqttSn.stateOf('node-1')).toBe('active');
  });

  test('with the Will flag the gateway prompts WILLTOPICREQ and WILLMSGREQ; a lost client\'s will reaches subscribers', async () => {
    const broker = start();
    const watcher = await connectClient(broker, { clientId: 'watcher' });
    await watcher.subscribeAsync('nodes/+/status', { qos: 1 });
    const node = snClient(broker);
    await node.connect({ clientId: 'node-2', keepAlive: 10, will: { topic: 'nodes/node-2/status', payload: 'lost', qos: 1 } });
    expect(sn(broker.recorder.entries).map((e) => `${e.direction} ${e.packet.type}`)).toEqual(['in connect', 'out willtopicreq', 'in willtopic', 'out willmsgreq', 'in willmsg', 'out connack']);
    const will = nextMessage(watcher, 'nodes/node-2/status');
    node.end();
    // §6.14: lost when nothing arrives; this gateway allows 1.5 × the keep-alive, like MQTT.
    await broker.clock.advance(14_999);
    expect(broker.mqttSn.stateOf('node-2')).toBe('active');
    await broker.clock.advance(1);
    expect((await will).payload.toString()).toBe('lost');
    expect(gatewayNotes(broker).some((n) => n.startsWith('lost: keep-alive timeout (1.5 × 10 s'))).toBe(true);
    await end(watcher);
  });

  test('a CONNECT with an unknown ProtocolId is refused "not supported"', async () => {
    const broker = start();
    const [clientEnd, gatewayEnd] = [broker.mqttSn.openSocket(), undefined];
    void gatewayEnd;
    const replies: Uint8Array[] = [];
    clientEnd.onDatagram((d) => replies.push(d));
    clientEnd.send(Uint8Array.from([...encodeSnPacket({ type: 'connect', will: false, cleanSession: true, protocolId: 2, duration: 0, clientId: 'x' })]));
    await waitForEntry(broker, (e) => e.kind === 'sn-packet' && e.packet.type === 'connack');
    expect(sn(broker.recorder.entries, 'connack')[0]?.packet).toMatchObject({ returnCode: 3 });
    clientEnd.close();
  });
});

describe('§6.5 / §6.6 REGISTER and PUBLISH with a topic id', () => {
  test('REGISTER gets a topic id in REGACK; PUBLISH with it reaches MQTT subscribers under the topic name', async () => {
    const broker = start();
    const dashboard = await connectClient(broker, { clientId: 'dashboard' });
    await dashboard.subscribeAsync('greenhouse/+/temp', { qos: 1 });
    const node = snClient(broker);
    await node.connect({ clientId: 'node-3', keepAlive: 0 });
    const topicId = await node.register('greenhouse/east/temp');
    expect(topicId).toBe(1);
    const message = nextMessage(dashboard, 'greenhouse/east/temp');
    await node.publish({ topicId }, '21.5', { qos: 1 });
    expect((await message).payload.toString()).toBe('21.5');
    const publish = sn(broker.recorder.entries, 'publish', 'in')[0]!;
    expect(publish.packet).toMatchObject({ topicIdType: 0, topicId: 1, qos: 1, data: { utf8: '21.5' } });
    // 7 octets of header for the topic id, against 2 + 20 for the topic name in the MQTT PUBLISH.
    expect(Buffer.from(publish.raw, 'base64').length).toBe(11);
    const puback = sn(broker.recorder.entries, 'puback', 'out')[0]!;
    expect(puback.packet).toMatchObject({ topicId: 1, msgId: publish.packet['msgId'], returnCode: 0 });
    // The gateway relays the broker's PUBACK: it follows the MQTT PUBACK in the record.
    const mqttPuback = mqtt(broker.recorder.entries, 'puback', 'node-3')[0]!;
    expect(mqttPuback.seq).toBeLessThan(puback.seq);
    await end(dashboard);
  });

  test('a PUBLISH with an unregistered topic id is answered PUBACK "Rejected: invalid topic ID" (0x02)', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'node-4', keepAlive: 0 });
    await expect(node.publish({ topicId: 42 }, 'x', { qos: 1 })).rejects.toThrow('Rejected: invalid topic ID');
    expect(sn(broker.recorder.entries, 'puback', 'out')[0]?.packet).toMatchObject({ topicId: 42, returnCode: 2 });
    expect(mqtt(broker.recorder.entries, 'publish', 'node-4')).toHaveLength(0);
  });

  test('QoS 2 is relayed packet for packet: PUBREC, PUBREL, PUBCOMP on both sides', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'node-5', keepAlive: 0 });
    const topicId = await node.register('lab/qos2');
    await node.publish({ topicId }, 'once', { qos: 2 });
    expect(sn(broker.recorder.entries).map((e) => `${e.direction} ${e.packet.type}`).slice(-4)).toEqual(['in publish', 'out pubrec', 'in pubrel', 'out pubcomp']);
    expect(mqtt(broker.recorder.entries, 'pubrel', 'node-5')).toHaveLength(1);
  });

  test('REGISTER of a name with wildcards is refused', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'node-6', keepAlive: 0 });
    await expect(node.register('lab/#')).rejects.toThrow(MqttSnError);
  });
});

describe('§6.7 / §6.8 pre-defined topic ids, short topic names and QoS -1', () => {
  test('QoS -1 to a pre-defined id needs no connection: the gateway publishes it at QoS 0', async () => {
    const broker = start();
    const plant = await connectClient(broker, { clientId: 'plant' });
    await plant.subscribeAsync('plant/#', { qos: 1 });
    const received = nextMessage(plant, 'plant/valve/state');
    const tiny = snClient(broker);
    await tiny.publish({ predefined: 1 }, 'open', { qos: -1 });
    const message = await received;
    expect(message.payload.toString()).toBe('open');
    expect(message.qos).toBe(0);
    const publish = sn(broker.recorder.entries, 'publish', 'in')[0]!;
    expect(publish.clientId).toBe('');
    expect(publish.packet).toMatchObject({ qos: -1, topicIdType: 1, topicId: 1 });
    expect(sn(broker.recorder.entries, undefined, 'out')).toHaveLength(0);
    await end(plant);
  });

  test('QoS -1 to an unknown pre-defined id is dropped and noted, with nothing sent back', async () => {
    const broker = start();
    const tiny = snClient(broker);
    await tiny.publish({ predefined: 99 }, 'x', { qos: -1 });
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'gateway');
    expect(gatewayNotes(broker)[0]).toMatch(/unknown pre-defined topic id 99/);
    expect(sn(broker.recorder.entries, undefined, 'out')).toHaveLength(0);
  });

  test('a short topic name travels in the TopicId field, both ways', async () => {
    const broker = start();
    const a = snClient(broker);
    const b = snClient(broker);
    await a.connect({ clientId: 'short-a', keepAlive: 0 });
    await b.connect({ clientId: 'short-b', keepAlive: 0 });
    const suback = await b.subscribe({ short: 'tp' }, { qos: 1 });
    expect(suback).toEqual({ topicId: 0, qos: 1 });
    const got = new Promise<string | undefined>((resolve) => b.onMessage((m) => resolve(m.topic)));
    await a.publish({ short: 'tp' }, '1', { qos: 1 });
    expect(await got).toBe('tp');
    const out = sn(broker.recorder.entries, 'publish', 'out')[0]!;
    expect(out.packet).toMatchObject({ topicIdType: 2, shortTopic: 'tp' });
  });

  test('SUBSCRIBE to a pre-defined id: PUBLISHes from MQTT clients arrive with that id', async () => {
    const broker = start();
    const valve = snClient(broker);
    await valve.connect({ clientId: 'valve', keepAlive: 0 });
    expect(await valve.subscribe({ predefined: 2 }, { qos: 1 })).toEqual({ topicId: 2, qos: 1 });
    const got = new Promise<string>((resolve) => valve.onMessage((m) => resolve(`${m.topic}=${m.text}`)));
    const operator = await connectClient(broker, { clientId: 'operator' });
    await operator.publishAsync('plant/valve/cmd', 'close', { qos: 1 });
    expect(await got).toBe('plant/valve/cmd=close');
    expect(sn(broker.recorder.entries, 'publish', 'out')[0]?.packet).toMatchObject({ topicIdType: 1, topicId: 2, qos: 1 });
    await end(operator);
  });
});

describe('§6.9 / §6.10 subscriptions and the gateway\'s publish procedure', () => {
  test('SUBSCRIBE by name returns its topic id; a wildcard subscription makes the gateway REGISTER each new topic before PUBLISH', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'node-7', keepAlive: 0 });
    expect(await node.subscribe('cmd/node-7', { qos: 1 })).toEqual({ topicId: 1, qos: 1 });
    expect(await node.subscribe('cfg/#', { qos: 0 })).toEqual({ topicId: 0, qos: 0 });
    const messages: string[] = [];
    node.onMessage((m) => messages.push(`${m.topic}=${m.text}`));
    const operator = await connectClient(broker, { clientId: 'operator' });
    await operator.publishAsync('cmd/node-7', 'reboot', { qos: 1 });
    await operator.publishAsync('cfg/interval', '60', { qos: 0 });
    await waitForEntry(broker, (e) => e.kind === 'sn-packet' && e.packet.type === 'publish' && e.packet['topicId'] === 2);
    await sleep(20);
    expect(messages.sort()).toEqual(['cfg/interval=60', 'cmd/node-7=reboot']);
    // The subscribed name already has id 1; the wildcard match gets REGISTER, REGACK, then its PUBLISH.
    const cfg = sn(broker.recorder.entries).filter((e) => e.seq > sn(broker.recorder.entries, 'suback').at(-1)!.seq && (e.packet.type !== 'publish' && e.packet.type !== 'puback' || e.packet['topicId'] === 2));
    expect(cfg.map((e) => `${e.direction} ${e.packet.type}`)).toEqual(['out register', 'in regack', 'out publish']);
    expect(sn(broker.recorder.entries, 'publish', 'out').find((e) => e.packet['topicId'] === 1)?.packet).toMatchObject({ topicIdType: 0, qos: 1 });
    expect(sn(broker.recorder.entries, 'register', 'out')[0]?.packet).toMatchObject({ topicId: 2, topicName: 'cfg/interval' });
    await end(operator);
  });
});

describe('§6.11 / §6.12 keep-alive and disconnect', () => {
  test('PINGREQ → PINGRESP; DISCONNECT is answered by DISCONNECT and ends the MQTT connection without its will', async () => {
    const broker = start();
    const watcher = await connectClient(broker, { clientId: 'watcher' });
    const seen = collect(watcher);
    await watcher.subscribeAsync('nodes/#', { qos: 0 });
    const node = snClient(broker);
    await node.connect({ clientId: 'node-8', keepAlive: 30, will: { topic: 'nodes/node-8', payload: 'lost' } });
    await node.ping();
    await node.disconnect();
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'client-disconnected' && e.clientId === 'node-8');
    expect(mqtt(broker.recorder.entries, 'disconnect', 'node-8')).toHaveLength(1);
    await broker.clock.advance(60_000);
    expect(seen).toHaveLength(0);
    expect(broker.mqttSn.stateOf('node-8')).toBeUndefined();
    await end(watcher);
  });
});

describe('§6.14 sleeping clients', () => {
  test('DISCONNECT with a Duration: asleep; messages are buffered; PINGREQ with the ClientId delivers them, then PINGRESP', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'sleepy', keepAlive: 60 });
    await node.subscribe('cmd/sleepy', { qos: 1 });
    await node.sleep(300);
    expect(broker.mqttSn.stateOf('sleepy')).toBe('asleep');
    expect(sn(broker.recorder.entries, 'disconnect', 'out').at(-1)?.packet).toEqual({ type: 'disconnect' });
    const operator = await connectClient(broker, { clientId: 'operator' });
    await operator.publishAsync('cmd/sleepy', 'led on', { qos: 1 });
    await operator.publishAsync('cmd/sleepy', 'led off', { qos: 1 });
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'message-queued' && e.clientId === 'sleepy');
    await sleep(20);
    expect(sn(broker.recorder.entries, 'publish', 'out')).toHaveLength(0);
    // The MQTT connection stays open while the client sleeps: the broker delivered to the gateway.
    expect(mqtt(broker.recorder.entries, 'publish', 'sleepy').filter((e) => e.direction === 'out')).toHaveLength(2);
    await broker.clock.advance(200_000);
    const received = await node.wake();
    expect(received.map((m) => m.text)).toEqual(['led on', 'led off']);
    const wake = sn(broker.recorder.entries).filter((e) => e.seq >= sn(broker.recorder.entries, 'pingreq', 'in').at(-1)!.seq).map((e) => `${e.direction} ${e.packet.type}`);
    expect(wake).toEqual(['in pingreq', 'out publish', 'out publish', 'in puback', 'in puback', 'out pingresp']);
    expect(sn(broker.recorder.entries, 'pingreq', 'in').at(-1)?.packet).toEqual({ type: 'pingreq', clientId: 'sleepy' });
    expect(broker.mqttSn.stateOf('sleepy')).toBe('asleep');
    await end(operator);
  });

  test('a sleeping client that does not wake within 1.5 × its Duration is lost and its will is published', async () => {
    const broker = start();
    const watcher = await connectClient(broker, { clientId: 'watcher' });
    await watcher.subscribeAsync('nodes/#', { qos: 0 });
    const will = nextMessage(watcher, 'nodes/dozy');
    const node = snClient(broker);
    await node.connect({ clientId: 'dozy', keepAlive: 60, will: { topic: 'nodes/dozy', payload: 'gone' } });
    await node.sleep(100);
    await broker.clock.advance(149_000);
    expect(broker.mqttSn.stateOf('dozy')).toBe('asleep');
    await broker.clock.advance(1_000);
    expect((await will).payload.toString()).toBe('gone');
    expect(gatewayNotes(broker).some((n) => n.includes('sleep duration of 100 s'))).toBe(true);
    await end(watcher);
  });

  test('CONNECT from asleep returns the client to active and delivers what was buffered', async () => {
    const broker = start();
    const node = snClient(broker);
    await node.connect({ clientId: 'napper', keepAlive: 60 });
    await node.subscribe('cmd/napper', { qos: 0 });
    await node.sleep(60);
    const operator = await connectClient(broker, { clientId: 'operator' });
    await operator.publishAsync('cmd/napper', 'hello', { qos: 0 });
    await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'message-queued');
    const got = new Promise<string>((resolve) => node.onMessage((m) => resolve(m.text)));
    await node.connect({ clientId: 'napper', keepAlive: 60 });
    expect(await got).toBe('hello');
    expect(broker.mqttSn.stateOf('napper')).toBe('active');
    expect(mqtt(broker.recorder.entries, 'connect', 'napper')).toHaveLength(1);
    await end(operator);
  });
});

describe('§6.1 discovery, loss and bad datagrams', () => {
  test('SEARCHGW is answered by GWINFO with the gateway id', async () => {
    const broker = start({ mqttSn: { gatewayId: 7 } });
    const node = snClient(broker);
    expect(await node.searchGateway()).toBe(7);
  });

  test('with advertiseSeconds, ADVERTISE (GwId, Duration) goes to every attached client on the broker clock', async () => {
    const broker = start({ mqttSn: { gatewayId: 3, advertiseSeconds: 900 } });
    const socket = broker.mqttSn.openSocket();
    const heard: string[] = [];
    socket.onDatagram((d) => heard.push(Buffer.from(d).toString('hex')));
    await broker.clock.advance(899_000);
    expect(heard).toEqual([]);
    await broker.clock.advance(1_000);
    await sleep(5);
    expect(heard).toEqual(['0500030384']);
    await broker.clock.advance(900_000);
    await sleep(5);
    expect(heard).toHaveLength(2);
    socket.close();
  });

  test('a malformed datagram is refused with a protocol-error event naming the fault; nothing else happens', async () => {
    const broker = start();
    const socket = broker.mqttSn.openSocket();
    socket.send(Uint8Array.from([0x07, 0x0c, 0x00]));
    const error = await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'protocol-error');
    expect(error.kind === 'event' && error.reason).toMatch(/refused: the Length field says 7 octets but the datagram has 3/);
    expect(sn(broker.recorder.entries)).toHaveLength(0);
    socket.close();
  });

  test('a storm of random and half-valid datagrams leaves the gateway serving the next client normally', async () => {
    const broker = start();
    let state = 5;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const sockets = [broker.mqttSn.openSocket(), broker.mqttSn.openSocket(), broker.mqttSn.openSocket()];
    sockets[0]!.send(encodeSnPacket({ type: 'connect', will: false, cleanSession: true, protocolId: 1, duration: 0, clientId: 'noisy' }));
    for (let i = 0; i < 600; i++) {
      const length = 2 + Math.floor(next() * 20);
      const datagram = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      if (i % 2 === 0) {
        datagram[0] = length;
        datagram[1] = [0x04, 0x07, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0f, 0x10, 0x12, 0x14, 0x16, 0x18][Math.floor(next() * 13)] ?? 0x0c;
      }
      sockets[i % 3]!.send(datagram);
    }
    await sleep(200);
    const node = snClient(broker);
    await node.connect({ clientId: 'after-storm', keepAlive: 0 });
    const topicId = await node.register('lab/after');
    await node.publish({ topicId }, 'fine', { qos: 1 });
    for (const socket of sockets) socket.close();
  });

  test('with datagram loss, the client retransmits (§6.13) and the loss is recorded', async () => {
    const broker = start({ seed: 3, mqttSn: { lossRate: 0.5 } });
    const node = new MqttSnClient(broker.mqttSn.openSocket(), { retryMs: 20, retries: 10 });
    clients.push(node);
    await node.connect({ clientId: 'lossy', keepAlive: 0 });
    const topicId = await node.register('lab/lossy');
    await node.publish({ topicId }, 'x', { qos: 1 });
    const lost = broker.recorder.entries.filter((e) => e.kind === 'event' && e.event === 'instrument' && /lost/.test(e.reason ?? ''));
    expect(lost.length).toBeGreaterThan(0);
  });
});
