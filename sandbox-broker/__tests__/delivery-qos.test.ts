/**
 * The QoS a subscriber receives: the minimum of the published QoS and the QoS granted to the
 * matching subscription (3.1.1 [MQTT-3.8.4-6], 5.0 [MQTT-3.8.4-8]), whatever kind of filter
 * matched, and with overlapping subscriptions one copy at the highest granted QoS
 * (3.1.1 [MQTT-3.3.5-1], 5.0 [MQTT-3.3.4-2]; the sandbox sends one copy, not one per subscription).
 */
import type { IPublishPacket, MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, createClient, end, events, sleep } from './helpers.ts';

type QoS = 0 | 1 | 2;
const QOS_LEVELS: QoS[] = [0, 1, 2];

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

/** Publishes one message per QoS on `topic` and resolves with what `sub` received (after `expected` messages, or a pause). */
async function publishEachQoS(sub: MqttClient, pub: MqttClient, topic: string, expected = QOS_LEVELS.length): Promise<IPublishPacket[]> {
  const received = collect(sub);
  for (const qos of QOS_LEVELS) await pub.publishAsync(topic, `published at ${qos}`, { qos });
  for (let waited = 0; received.length < expected && waited < 1000; waited += 10) await sleep(10);
  await sleep(30); // any surplus copy would arrive by now
  return received;
}

/** Connects a client made with manualConnect (so listeners could be attached first). */
function connectNow(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
    client.connect();
  });
}

/** [payload, QoS] of each delivery, in payload order (a QoS 2 delivery may overtake a QoS 1 one). */
const deliveredQoS = (received: IPublishPacket[]): Array<[string, number]> =>
  received.map((p): [string, number] => [p.payload.toString(), p.qos]).sort(([a], [b]) => a.localeCompare(b));
const expectedQoS = (granted: QoS): Array<[string, number]> => QOS_LEVELS.map((qos) => [`published at ${qos}`, Math.min(qos, granted)]);

const VERSIONS = [
  { level: 4 as const, rule: '3.1.1 [MQTT-3.8.4-6]' },
  { level: 5 as const, rule: '5.0 [MQTT-3.8.4-8]' },
];
const FILTERS = [
  { kind: 'an exact filter', filter: 'lab/qos/t' },
  { kind: "a '+' filter", filter: 'lab/+/t' },
  { kind: "a '#' filter", filter: 'lab/qos/#' },
];

describe('delivery QoS', () => {
  for (const { level, rule } of VERSIONS) {
    for (const { kind, filter } of FILTERS) {
      it.each(QOS_LEVELS)(`${rule} delivers at min(published QoS, granted QoS) on ${kind} (granted %i)`, async (granted) => {
        broker = createSandboxBroker();
        const sub = await connectClient(broker, { protocolVersion: level, clientId: 'sub' });
        const pub = await connectClient(broker, { protocolVersion: level, clientId: 'pub' });
        expect((await sub.subscribeAsync(filter, { qos: granted }))[0]?.qos).toBe(granted);
        expect(deliveredQoS(await publishEachQoS(sub, pub, 'lab/qos/t'))).toEqual(expectedQoS(granted));
        await end(sub, pub);
      });
    }

    it(`${rule} a retained message is sent at min(its QoS, granted QoS) on a wildcard subscription`, async () => {
      broker = createSandboxBroker();
      const pub = await connectClient(broker, { protocolVersion: level, clientId: 'pub' });
      await pub.publishAsync('lab/retained/two', 'kept at 2', { qos: 2, retain: true });
      await pub.publishAsync('lab/retained/one', 'kept at 1', { qos: 1, retain: true });
      const sub = await connectClient(broker, { protocolVersion: level, clientId: 'sub' });
      const received = collect(sub);
      await sub.subscribeAsync('lab/retained/+', { qos: 0 });
      await sleep(50);
      expect(deliveredQoS(received)).toEqual([['kept at 1', 0], ['kept at 2', 0]]);
      await end(sub, pub);
    });

    it(`${rule} a message queued for an offline session is sent at the granted QoS of its wildcard subscription`, async () => {
      broker = createSandboxBroker();
      const persistent = level === 5 ? { clean: false, properties: { sessionExpiryInterval: 300 } } : { clean: false };
      const first = await connectClient(broker, { protocolVersion: level, clientId: 'offline-sub', ...persistent });
      await first.subscribeAsync('lab/queued/#', { qos: 1 });
      await end(first);
      const pub = await connectClient(broker, { protocolVersion: level, clientId: 'pub' });
      await pub.publishAsync('lab/queued/t', 'while away', { qos: 2 });
      const again = createClient(broker, { protocolVersion: level, clientId: 'offline-sub', ...persistent, manualConnect: true });
      const received = collect(again);
      await connectNow(again);
      for (let waited = 0; received.length === 0 && waited < 1000; waited += 10) await sleep(10);
      expect(deliveredQoS(received)).toEqual([['while away', 1]]);
      await end(again, pub);
    });

    it(`${rule} a downgraded delivery is acknowledged end to end: the resumed session gets nothing again`, async () => {
      broker = createSandboxBroker();
      const persistent = level === 5 ? { clean: false, properties: { sessionExpiryInterval: 300 } } : { clean: false };
      const sub = await connectClient(broker, { protocolVersion: level, clientId: 'acks', ...persistent });
      await sub.subscribeAsync({ 'lab/acks/one/#': { qos: 1 }, 'lab/acks/zero/#': { qos: 0 } });
      const pub = await connectClient(broker, { protocolVersion: level, clientId: 'pub' });
      const received = collect(sub);
      for (let i = 0; i < 5; i++) {
        await pub.publishAsync('lab/acks/one/t', `one ${i}`, { qos: 2 });
        await pub.publishAsync('lab/acks/zero/t', `zero ${i}`, { qos: 2 });
        await pub.publishAsync('lab/acks/zero/t', `zero q1 ${i}`, { qos: 1 });
      }
      for (let waited = 0; received.length < 15 && waited < 1000; waited += 10) await sleep(10);
      await sleep(50);
      expect(received.map((p) => p.qos).sort()).toEqual([...Array(10).fill(0), ...Array(5).fill(1)]);
      await end(sub);
      const resumed = createClient(broker, { protocolVersion: level, clientId: 'acks', ...persistent, manualConnect: true });
      const again: string[] = [];
      resumed.on('packetreceive', (packet) => {
        if (packet.cmd === 'publish' || packet.cmd === 'pubrel') again.push(packet.cmd);
      });
      await connectNow(resumed);
      await sleep(100);
      expect(again).toEqual([]);
      expect(events(broker, 'protocol-error')).toEqual([]);
      await end(resumed, pub);
    });

    it(`${rule.split(' ')[0]} ${level === 5 ? '[MQTT-3.3.4-2]' : '[MQTT-3.3.5-1]'} overlapping subscriptions: one copy at the highest granted QoS`, async () => {
      broker = createSandboxBroker();
      const pub = await connectClient(broker, { protocolVersion: level, clientId: 'pub' });
      // Both subscription orders: whichever subscription aedes matches first, the highest grant wins.
      const cases: Array<{ subscriptions: Array<[string, QoS]>; granted: QoS }> = [
        { subscriptions: [['lab/overlap/#', 0], ['lab/overlap/t', 2]], granted: 2 },
        { subscriptions: [['lab/overlap/t', 2], ['lab/overlap/#', 0]], granted: 2 },
        { subscriptions: [['lab/overlap/+', 1], ['lab/overlap/#', 0]], granted: 1 },
        { subscriptions: [['#', 0], ['lab/+/t', 1], ['lab/overlap/#', 0]], granted: 1 },
        // An exact filter granted less than an overlapping wildcard: aedes' own delivery lowers
        // to the exact filter's grant; the highest grant must still win.
        { subscriptions: [['lab/overlap/t', 0], ['lab/overlap/#', 2]], granted: 2 },
        { subscriptions: [['lab/overlap/#', 2], ['lab/overlap/t', 0]], granted: 2 },
        { subscriptions: [['lab/overlap/t', 1], ['lab/+/t', 2]], granted: 2 },
        { subscriptions: [['lab/overlap/t', 0], ['lab/overlap/+', 1]], granted: 1 },
      ];
      for (const [i, { subscriptions, granted }] of cases.entries()) {
        const sub = await connectClient(broker, { protocolVersion: level, clientId: `overlap-${i}` });
        for (const [filter, qos] of subscriptions) await sub.subscribeAsync(filter, { qos });
        const received = await publishEachQoS(sub, pub, 'lab/overlap/t');
        expect({ subscriptions, delivered: deliveredQoS(received) }).toEqual({ subscriptions, delivered: expectedQoS(granted) });
        await end(sub);
      }
      await end(pub);
      // The hidden topic that keeps aedes from lowering to an exact filter's grant never reaches a client.
      expect(JSON.stringify(broker.recorder.entries)).not.toContain('$sandbox/raised');
    });
  }

  it('5.0 [MQTT-3.8.4-8] a shared subscription on a wildcard filter delivers at its granted QoS', async () => {
    broker = createSandboxBroker();
    const member = await connectClient(broker, { clientId: 'member' });
    await member.subscribeAsync('$share/g/lab/shared/#', { qos: 1 });
    const pub = await connectClient(broker, { clientId: 'pub' });
    expect(deliveredQoS(await publishEachQoS(member, pub, 'lab/shared/t'))).toEqual(expectedQoS(1));
    await end(member, pub);
  });
});
