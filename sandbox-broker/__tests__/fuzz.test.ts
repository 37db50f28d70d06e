/**
 * Fuzz: many links send mutated valid packets and random bytes while a healthy publisher and
 * subscriber exchange QoS 1 messages. Every bad link must be closed (5.0 links with a DISCONNECT
 * carrying the reason code of the violation first), the broker must keep running and the healthy
 * pair must lose nothing.
 */
import * as mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import type { BrokerEventEntry } from '../src/record-types.ts';
import { createRandom } from '../src/instruments.ts';
import { collect, connectClient, end, sleep } from './helpers.ts';

const TOTAL_PACKETS = Number(process.env["FUZZ_PACKETS"] ?? 10_000);
const WORKERS = Number(process.env['FUZZ_WORKERS'] ?? 16);
const MAXIMUM_PACKET_SIZE = 4096;

function templates(level: 4 | 5): Buffer[] {
  const v5 = level === 5;
  const packets: Array<Record<string, unknown>> = [
    { cmd: 'publish', topic: 'fuzz/a', payload: 'p0', qos: 0, retain: false, dup: false },
    { cmd: 'publish', topic: 'fuzz/b', payload: 'p1', qos: 1, messageId: 11, retain: true, dup: false },
    { cmd: 'publish', topic: 'fuzz/c', payload: 'p2', qos: 2, messageId: 12, retain: false, dup: false, ...(v5 ? { properties: { messageExpiryInterval: 9, userProperties: { a: 'b' } } } : {}) },
    { cmd: 'subscribe', messageId: 13, subscriptions: [{ topic: 'fuzz/#', qos: 1 }, { topic: '$share/g/fuzz/+', qos: 2 }] },
    { cmd: 'unsubscribe', messageId: 14, unsubscriptions: ['fuzz/#'] },
    { cmd: 'puback', messageId: 15 },
    { cmd: 'pubrec', messageId: 16 },
    { cmd: 'pubrel', messageId: 12 },
    { cmd: 'pubcomp', messageId: 17 },
    { cmd: 'pingreq' },
  ];
  return packets.map((packet) => mqttPacket.generate(packet as never, { protocolVersion: level }));
}

const TEMPLATES = { 4: templates(4), 5: templates(5) };

function fuzzPacket(random: () => number, level: 4 | 5): Buffer {
  const roll = random();
  if (roll < 0.15) {
    // Random bytes.
    const bytes = Buffer.alloc(1 + Math.floor(random() * 40));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    return bytes;
  }
  const list = TEMPLATES[level];
  const template = Buffer.from(list[Math.floor(random() * list.length)] as Buffer);
  if (roll < 0.45) return template; // valid, keeps the link going into later states
  const mutations = 1 + Math.floor(random() * 3);
  for (let i = 0; i < mutations; i++) {
    const at = Math.floor(random() * template.length);
    template[at] = random() < 0.5 ? Math.floor(random() * 256) : (template[at] as number) ^ (1 << Math.floor(random() * 8));
  }
  return template;
}

interface FuzzLink {
  level: 4 | 5;
  sent: number;
  closed: boolean;
  disconnectReasons: number[];
  linkId: number;
}

async function runLink(broker: SandboxBroker, random: () => number, index: number, budget: { left: number }): Promise<FuzzLink> {
  const level: 4 | 5 = random() < 0.5 ? 4 : 5;
  const { stream, linkId } = broker.connectLink();
  const link: FuzzLink = { level, sent: 0, closed: false, disconnectReasons: [], linkId };
  const parser = mqttPacket.parser({ protocolVersion: level });
  parser.on('packet', (packet) => {
    if (packet.cmd === 'disconnect') link.disconnectReasons.push((packet as { reasonCode?: number }).reasonCode ?? 0);
  });
  parser.on('error', () => undefined);
  stream.on('data', (chunk: Buffer) => parser.parse(chunk));
  stream.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => stream.on('close', () => {
    link.closed = true;
    resolve();
  }));
  stream.write(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: level, clientId: `fuzz-${index}`, clean: true, keepalive: 0 }, { protocolVersion: level }));
  const count = 1 + Math.floor(random() * 12);
  for (let i = 0; i < count && !link.closed && budget.left > 0; i++) {
    const bytes = fuzzPacket(random, level);
    stream.write(bytes);
    link.sent++;
    budget.left--;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!link.closed) {
    // Every fuzz link must end closed: fill any frame still waiting for bytes (at most the
    // maximum packet size), then a packet of reserved type 0, which is always malformed.
    stream.write(Buffer.alloc(MAXIMUM_PACKET_SIZE + 2));
    link.sent++;
  }
  await Promise.race([closed, sleep(2000)]);
  return link;
}

describe('fuzz', () => {
  it(`survives ${TOTAL_PACKETS} random and malformed packets; every bad link is closed; a healthy QoS 1 pair loses nothing (5.0 §4.13, 3.1.1 §4.8)`, async () => {
    const broker = createSandboxBroker({ maximumPacketSize: MAXIMUM_PACKET_SIZE, topicAliasMaximum: 4 });
    const sub = await connectClient(broker, { protocolVersion: 5, clientId: 'healthy-sub' });
    const received = collect(sub);
    await sub.subscribeAsync('healthy/t', { qos: 1 });
    const pub = await connectClient(broker, { protocolVersion: 4, clientId: 'healthy-pub' });
    let running = true;
    let sent = 0;
    const healthy = (async () => {
      while (running) {
        await pub.publishAsync('healthy/t', String(sent++), { qos: 1 });
        // An in-memory round trip needs no macrotask at all; yield so the fuzz links get turns.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const random = createRandom(20261125);
    const budget = { left: TOTAL_PACKETS };
    const links: FuzzLink[] = [];
    let index = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (budget.left > 0) links.push(await runLink(broker, random, index++, budget));
      }),
    );
    running = false;
    await healthy;
    await sleep(100);
    const elapsed = Date.now() - started;

    const totalSent = links.reduce((sum, link) => sum + link.sent, 0);
    expect(totalSent).toBeGreaterThanOrEqual(TOTAL_PACKETS);
    expect(links.filter((link) => !link.closed)).toEqual([]);

    // 5.0 links closed for a violation after CONNACK were told why first.
    const violations = new Map<number, number>();
    for (const entry of broker.recorder.entries) {
      if (entry.kind === 'event' && entry.event === 'protocol-error' && entry.linkId !== undefined) violations.set(entry.linkId, (entry as BrokerEventEntry).reasonCode ?? 0);
    }
    const connackedV5 = new Set(broker.recorder.entries.flatMap((e) => (e.kind === 'packet' && e.packet.cmd === 'connack' && e.direction === 'out' && e.packet['reasonCode'] === 0 ? [e.linkId] : [])));
    const v5Violations = links.filter((link) => link.level === 5 && violations.has(link.linkId) && connackedV5.has(link.linkId));
    expect(v5Violations.length).toBeGreaterThan(TOTAL_PACKETS / 50);
    for (const link of v5Violations) expect(link.disconnectReasons).toEqual([violations.get(link.linkId)]);

    const closedOtherwise = links.filter((link) => !violations.has(link.linkId)).length;
    console.info(`fuzz: ${links.length} links, ${totalSent} packets, ${violations.size} closed for a violation, ${closedOtherwise} closed otherwise (client DISCONNECT, refused CONNECT, broker), healthy messages ${sent}, ${elapsed} ms`);

    // The healthy pair lost nothing, in order.
    expect(sent).toBeGreaterThan(50);
    expect(received.map((p) => Number(p.payload.toString()))).toEqual(Array.from({ length: sent }, (_, i) => i));
    expect(sub.connected && pub.connected).toBe(true);
    await end(sub, pub);
    await broker.close();
  }, 60_000);
});
