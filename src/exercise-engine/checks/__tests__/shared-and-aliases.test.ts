/** The shared-subscription and topic-alias check helpers: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import { runInNode } from '../../runner/run-in-node.ts';
import {
  eachMessageToOneMember, publishBytesWithin, receivedAll, resolvedTopics, sharedSubscriptionJoined, topicAliasesWithinMaximum,
} from '../shared-and-aliases.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

/** Gives each packet entry `bytes` bytes of raw data (hand-built records carry none). */
function withSizes(record: RunRecord, bytes: (seq: number) => number): RunRecord {
  for (const entry of record.entries) if (entry.kind === 'packet') entry.raw = Buffer.alloc(bytes(entry.seq)).toString('base64');
  return record;
}

const job = (n: number) => ({ cmd: 'publish', topic: `jobs/${n}`, qos: 1, messageId: n, payload: text(`job ${n}`) });

function pool(deliver: Array<[number, number[]]>, members = ['w1', 'w2']): RunRecord {
  const builder = connected(new RecordBuilder(), 9, 'dispatcher');
  members.forEach((member, i) => {
    connected(builder, i + 1, member)
      .packet(i + 1, member, 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: '$share/pool/jobs/+', qos: 1 }] })
      .packet(i + 1, member, 'out', { cmd: 'suback', messageId: 1, granted: [1] });
  });
  for (const [n, to] of deliver) {
    builder.packet(9, 'dispatcher', 'in', job(n));
    for (const link of to) builder.packet(link, members[link - 1]!, 'out', job(n));
  }
  return builder.withPeers('dispatcher').build();
}

describe('sharedSubscriptionJoined', () => {
  it('5.0 [MQTT-4.8.2-1] passes when two clients joined the same $share group on the filter', () => {
    expect(sharedSubscriptionJoined('jobs/+').run(pool([])).pass).toBe(true);
  });
  it('fails with one member, or with a plain subscription', () => {
    expect(sharedSubscriptionJoined('jobs/+').run(pool([], ['w1'])).pass).toBe(false);
    const plain = connected(new RecordBuilder(), 1, 'w1')
      .packet(1, 'w1', 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'jobs/+', qos: 1 }] })
      .packet(1, 'w1', 'out', { cmd: 'suback', messageId: 1, granted: [1] });
    connected(plain, 2, 'w2')
      .packet(2, 'w2', 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'jobs/+', qos: 1 }] })
      .packet(2, 'w2', 'out', { cmd: 'suback', messageId: 1, granted: [1] });
    const verdict = sharedSubscriptionJoined('jobs/+').run(plain.build());
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('`w1` subscribed to `jobs/+`');
  });
  it('fails when the two members are in different groups', () => {
    const builder = new RecordBuilder();
    ['a', 'b'].forEach((group, i) => connected(builder, i + 1, `w${i}`)
      .packet(i + 1, `w${i}`, 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: `$share/${group}/jobs/+`, qos: 1 }] })
      .packet(i + 1, `w${i}`, 'out', { cmd: 'suback', messageId: 1, granted: [1] }));
    expect(sharedSubscriptionJoined('jobs/+').run(builder.build()).pass).toBe(false);
  });
});

describe('eachMessageToOneMember', () => {
  const check = eachMessageToOneMember({ topic: 'jobs/+', from: 'dispatcher' });
  it('5.0 §4.8.2 passes when every job reached one member and both members worked', () => {
    const verdict = check.run(pool([[1, [1]], [2, [2]], [3, [1]]]));
    expect(verdict.pass).toBe(true);
    expect(verdict.seen).toContain('`w1` got 2');
  });
  it('fails when a job reached both members (two plain subscriptions)', () => {
    const verdict = check.run(pool([[1, [1, 2]], [2, [1, 2]]]));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('received by more than one client');
  });
  it('fails when one member did all the work, or a job was lost', () => {
    expect(check.run(pool([[1, [1]], [2, [1]]])).seen).toContain('only 1 client');
    expect(check.run(pool([[1, [1]], [2, [2]], [3, []]])).seen).toContain('received by none: "job 3"');
    expect(check.run(pool([])).pass).toBe(false);
  });
  it('a redelivery to the same member (DUP) is not a second member', () => {
    expect(check.run(pool([[1, [1, 1]], [2, [2]]])).pass).toBe(true);
  });
});

describe('resolvedTopics and the alias checks', () => {
  const TOPIC = 'plant/hall-b/press-07/temperature';
  /** A sensor that publishes three readings: full topic each time, or topic + alias then the alias alone. */
  function stream(useAlias: boolean, maximum = 5, alias = 1): RunRecord {
    const builder = new RecordBuilder()
      .packet(1, '', 'in', { cmd: 'connect', clientId: 's', clean: true, protocolVersion: 5 })
      .packet(1, 's', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false, properties: { topicAliasMaximum: maximum } });
    ['1', '2', '3'].forEach((reading, i) => {
      const first = i === 0;
      builder.packet(1, 's', 'in', useAlias
        ? { cmd: 'publish', topic: first ? TOPIC : '', qos: 0, payload: text(reading), properties: { topicAlias: alias } }
        : { cmd: 'publish', topic: TOPIC, qos: 0, payload: text(reading) });
      builder.packet(2, 'dash', 'out', { cmd: 'publish', topic: TOPIC, qos: 0, payload: text(reading) });
    });
    return withSizes(builder.withPeers('dash').build(), (seq) => (useAlias && seq > 2 ? 10 : 40));
  }

  it('5.0 §3.3.2.3.4 an empty topic with an alias resolves to the topic last set for it on that link and direction', () => {
    const record = stream(true);
    const topics = [...resolvedTopics(record).values()];
    expect(topics).toEqual(Array(6).fill(TOPIC));
  });

  it('publishBytesWithin counts every byte of the resolved stream', () => {
    const within = publishBytesWithin({ topic: TOPIC, maxBytes: 70, count: 3 });
    expect(within.run(stream(false)).pass).toBe(false);
    expect(within.run(stream(false)).seen).toBe('3 PUBLISH packets, 40 + 40 + 40 = 120 bytes');
    expect(within.run(stream(true)).pass).toBe(true);
    expect(publishBytesWithin({ topic: TOPIC, maxBytes: 70, count: 4 }).run(stream(true)).pass).toBe(false);
  });

  it('5.0 [MQTT-3.3.2-9] topicAliasesWithinMaximum: within the CONNACK maximum passes, above it or 0 fails', () => {
    expect(topicAliasesWithinMaximum().run(stream(true)).pass).toBe(true);
    expect(topicAliasesWithinMaximum().run(stream(false)).seen).toBe('no topic alias used');
    expect(topicAliasesWithinMaximum().run(stream(true, 5, 6)).pass).toBe(false);
    expect(topicAliasesWithinMaximum().run(stream(true, 5, 0)).seen).toContain('alias 0');
  });

  it('receivedAll wants every payload once and nothing else; inOrder also wants their order', () => {
    expect(receivedAll('dash', TOPIC, ['1', '2', '3'], { inOrder: true }).run(stream(true)).pass).toBe(true);
    expect(receivedAll('dash', TOPIC, ['1', '3', '2'], { inOrder: true }).run(stream(true)).pass).toBe(false);
    expect(receivedAll('dash', TOPIC, ['1', '3', '2']).run(stream(true)).pass).toBe(true);
    expect(receivedAll('dash', TOPIC, ['1', '2']).run(stream(true)).pass).toBe(false);
    expect(receivedAll('dash', TOPIC, ['1', '2', '3', '3']).run(stream(true)).pass).toBe(false);
  });
});

describe('the alias checks on a real run (real MQTT.js, real broker)', () => {
  it('5.0 §3.3.2.3.4 autoAssignTopicAlias shrinks the stream and stays within the broker maximum', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const dash = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'dash', protocolVersion: 5, properties: { topicAliasMaximum: 2 } });
      await dash.subscribeAsync('plant/#');
      const sensor = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'sensor', protocolVersion: 5, autoAssignTopicAlias: true });
      for (const r of ['1', '2', '3']) await sensor.publishAsync('plant/hall-b/press-07/temperature', r);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sensor.endAsync();
      await dash.endAsync();
    `, { broker: { topicAliasMaximum: 4 } });
    const topic = 'plant/hall-b/press-07/temperature';
    expect(topicAliasesWithinMaximum({ client: 'sensor' }).run(record).pass).toBe(true);
    // Each full PUBLISH is 2 + 2 + 33 + 1 + 1 = 39 bytes, +3 with an alias; later ones 2 + 2 + 4 + 1 = 9.
    expect(publishBytesWithin({ topic, maxBytes: 42 + 9 + 9, count: 3, client: 'sensor' }).run(record).pass).toBe(true);
    expect(publishBytesWithin({ topic, maxBytes: 42 + 9 + 9 - 1, count: 3, client: 'sensor' }).run(record).pass).toBe(false);
    expect(receivedAll('dash', topic, ['1', '2', '3'], { inOrder: true }).run(record).pass).toBe(true);
  });
});
