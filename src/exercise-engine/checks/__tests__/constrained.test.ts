/** The module 8 check helpers on hand-built records: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import {
  acknowledgedEveryDelivery, keepAliveBetween, publishedAtQoS, publishesWithTopics, receivedReadings, sessionOutlivesSleep,
  usedTopicAlias, withinByteBudget, wokeAndSleptCleanly,
} from '../constrained.ts';
import { RecordBuilder } from './record-builder.ts';

const TOPIC = 'plant/s42/climate';
const binary = (...bytes: number[]) => ({ base64: Buffer.from(bytes).toString('base64') });

/** Gives every packet entry `size` raw bytes, so byte budgets can be counted. */
function withSizes(record: RunRecord, size: (cmd: string) => number): RunRecord {
  return {
    ...record,
    entries: record.entries.map((entry) => (entry.kind === 'packet' ? { ...entry, raw: Buffer.alloc(size(entry.packet.cmd)).toString('base64') } : entry)),
  };
}

/** sensor connects (5.0), publishes `count` readings — the first with alias 1 and the topic, the rest with the alias alone. */
function aliasedRun(count: number, qos = 0, aliasAfterFirst = true): RecordBuilder {
  const builder = new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'sensor', clean: true, protocolVersion: 5 })
    .packet(1, 'sensor', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false });
  for (let i = 0; i < count; i++) {
    const first = i === 0 || !aliasAfterFirst;
    builder.packet(1, 'sensor', 'in', {
      cmd: 'publish', topic: first ? TOPIC : '', qos, ...(qos ? { messageId: i + 1 } : {}),
      properties: aliasAfterFirst ? { topicAlias: 1 } : {}, payload: binary(0, 215, 1, 224),
    });
    if (qos === 1) builder.packet(1, 'sensor', 'out', { cmd: 'puback', messageId: i + 1 });
  }
  return builder.packet(1, 'sensor', 'in', { cmd: 'disconnect' });
}

describe('publishesWithTopics', () => {
  it('5.0 §3.3.2.3.4 resolves a zero-length topic through the alias set earlier on the same connection only', () => {
    const record = aliasedRun(2).packet(2, 'sensor', 'in', { cmd: 'publish', topic: '', qos: 0, properties: { topicAlias: 1 } }).build();
    expect(publishesWithTopics(record, 'sensor').map((p) => [p.topic, p.aliased])).toEqual([[TOPIC, false], [TOPIC, true], ['', true]]);
  });
});

describe('withinByteBudget', () => {
  const sized = (record: RunRecord) => withSizes(record, (cmd) => ({ connect: 24, connack: 10, publish: 12, puback: 6, disconnect: 4 })[cmd] ?? 0);
  it('passes when every packet in both directions adds up to the budget or less', () => {
    const verdict = withinByteBudget(158, { client: 'sensor' }).run(sized(aliasedRun(10).build()));
    expect(verdict.pass).toBe(true);
    expect(verdict.seen).toContain('158 bytes');
  });
  it('counts the broker\'s packets too: the PUBACKs of QoS 1 push the same run over', () => {
    const verdict = withinByteBudget(158, { client: 'sensor' }).run(sized(aliasedRun(10, 1).build()));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('10 PUBACK 60 B');
  });
  it('fails on a run without any packet of the client', () => expect(withinByteBudget(100, { client: 'sensor' }).run(new RecordBuilder().build()).pass).toBe(false));
});

describe('usedTopicAlias', () => {
  it('5.0 §3.3.2.3.4 passes when the alias is set once and then replaces the topic', () => expect(usedTopicAlias(TOPIC, { client: 'sensor', minimum: 9 }).run(aliasedRun(10).build()).pass).toBe(true));
  it('fails when the full topic goes every time', () => expect(usedTopicAlias(TOPIC, { client: 'sensor' }).run(aliasedRun(10, 0, false).build()).pass).toBe(false));
  it('fails with fewer aliased publishes than required', () => expect(usedTopicAlias(TOPIC, { client: 'sensor', minimum: 9 }).run(aliasedRun(5).build()).pass).toBe(false));
});

describe('publishedAtQoS', () => {
  it('3.1.1 §4.3 counts aliased publishes under their real topic', () => expect(publishedAtQoS(TOPIC, 0, { client: 'sensor', count: 10 }).run(aliasedRun(10).build()).pass).toBe(true));
  it('fails when the readings went at QoS 1', () => {
    const verdict = publishedAtQoS(TOPIC, 0, { client: 'sensor' }).run(aliasedRun(3, 1).build());
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('3 at QoS 1');
  });
  it('fails on the wrong number of messages', () => expect(publishedAtQoS(TOPIC, 0, { client: 'sensor', count: 10 }).run(aliasedRun(9).build()).pass).toBe(false));
});

describe('receivedReadings', () => {
  const layout = [
    { name: 't', type: 'int16', scale: 10 },
    { name: 'h', type: 'uint16', scale: 10 },
  ] as const;
  const delivered = (...payloads: number[][]) => {
    const builder = new RecordBuilder();
    payloads.forEach((bytes) => builder.packet(1, 'dash', 'out', { cmd: 'publish', topic: TOPIC, qos: 0, payload: binary(...bytes) }));
    return builder.withPeers('dash').build();
  };
  const check = receivedReadings({ to: 'dash', topic: TOPIC, layout, readings: [{ t: 21.5, h: 48 }, { t: -3.5, h: 80 }] });
  it('passes when each payload decodes, in order, to the expected values (-3.5 is FF DD)', () => expect(check.run(delivered([0, 215, 1, 224], [0xff, 0xdd, 3, 32])).pass).toBe(true));
  it('fails on a wrong value and says which reading', () => {
    const verdict = check.run(delivered([0, 215, 1, 224], [0, 35, 3, 32]));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('reading 2 is 3.5 / 80');
  });
  it('fails on a payload of the wrong length, and on a missing reading', () => {
    expect(check.run(delivered([0, 215, 1, 224, 0], [0xff, 0xdd, 3, 32])).pass).toBe(false);
    expect(check.run(delivered([0, 215, 1, 224])).pass).toBe(false);
  });
});

/** meter wakes `cycles` times with the given CONNECT fields, each time publishing and (optionally) disconnecting. */
function wakeUps(cycles: number, connect: Record<string, unknown>, endEach: (link: number, b: RecordBuilder) => void = (link, b) => { b.packet(link, 'meter', 'in', { cmd: 'disconnect' }); }): RunRecord {
  const builder = new RecordBuilder();
  for (let link = 1; link <= cycles; link++) {
    builder
      .packet(link, '', 'in', { cmd: 'connect', clientId: 'meter', protocolVersion: 5, clean: false, keepalive: 540, properties: { sessionExpiryInterval: 7200 }, ...connect })
      .packet(link, 'meter', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: link > 1 })
      .packet(link, 'meter', 'in', { cmd: 'publish', topic: 'm/reading', qos: 1, messageId: 1 })
      .packet(link, 'meter', 'out', { cmd: 'puback', messageId: 1 });
    endEach(link, builder);
    builder.event('client-disconnected', { clientId: 'meter', linkId: link, reason: 'client DISCONNECT' });
  }
  return builder.build();
}

describe('sessionOutlivesSleep', () => {
  it('5.0 §3.1.2.11.2 passes when every CONNECT has Clean Start 0 and a long enough expiry', () => expect(sessionOutlivesSleep(3600, { client: 'meter' }).run(wakeUps(3, {})).pass).toBe(true));
  it('fails with the default expiry of 0', () => expect(sessionOutlivesSleep(3600, { client: 'meter' }).run(wakeUps(2, { properties: {} })).pass).toBe(false));
  it('fails with Clean Start 1, and with MQTT 3.1.1', () => {
    expect(sessionOutlivesSleep(3600, { client: 'meter' }).run(wakeUps(2, { clean: true })).pass).toBe(false);
    expect(sessionOutlivesSleep(3600, { client: 'meter' }).run(wakeUps(2, { protocolVersion: 4 })).pass).toBe(false);
  });
});

describe('keepAliveBetween', () => {
  it('3.1.1 [MQTT-3.1.2-23] passes inside the range', () => expect(keepAliveBetween(300, 540, { client: 'meter' }).run(wakeUps(2, {})).pass).toBe(true));
  it('fails on a short keep-alive, on one above the NAT margin and on 0 (no keep-alive at all)', () => {
    for (const keepalive of [60, 600, 0]) expect(keepAliveBetween(300, 540, { client: 'meter' }).run(wakeUps(1, { keepalive })).pass).toBe(false);
  });
});

describe('wokeAndSleptCleanly', () => {
  it('3.1.1 [MQTT-3.14.4-3] passes on three wake-ups each ended by DISCONNECT', () => expect(wokeAndSleptCleanly(3, 'm/reading', { client: 'meter' }).run(wakeUps(3, {})).pass).toBe(true));
  it('fails with fewer wake-ups', () => expect(wokeAndSleptCleanly(3, 'm/reading', { client: 'meter' }).run(wakeUps(2, {})).pass).toBe(false));
  it('3.1.1 [MQTT-3.1.2-24] fails when the broker ended a connection (keep-alive timeout)', () => {
    const record = wakeUps(3, {}, (link, b) => {
      if (link === 2) b.packet(link, 'meter', 'out', { cmd: 'disconnect', reasonCode: 0x8d });
      else b.packet(link, 'meter', 'in', { cmd: 'disconnect' });
    });
    const verdict = wokeAndSleptCleanly(3, 'm/reading', { client: 'meter' }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('wake-up 2 did not end with DISCONNECT (the broker disconnected it)');
  });
});

describe('acknowledgedEveryDelivery', () => {
  const deliveries = (qos: number, acked: boolean) => {
    const builder = new RecordBuilder().packet(1, 'meter', 'out', { cmd: 'publish', topic: 'm/cmd', qos, ...(qos ? { messageId: 7 } : {}) });
    if (acked) builder.packet(1, 'meter', 'in', { cmd: 'puback', messageId: 7 });
    return builder.build();
  };
  it('3.1.1 [MQTT-4.3.2-2] passes when each QoS 1 command is answered with PUBACK', () => expect(acknowledgedEveryDelivery('m/cmd', { client: 'meter' }).run(deliveries(1, true)).pass).toBe(true));
  it('fails on an unacknowledged command, on a command at QoS 0, and on none', () => {
    expect(acknowledgedEveryDelivery('m/cmd', { client: 'meter' }).run(deliveries(1, false)).pass).toBe(false);
    expect(acknowledgedEveryDelivery('m/cmd', { client: 'meter' }).run(deliveries(0, false)).pass).toBe(false);
    expect(acknowledgedEveryDelivery('m/cmd', { client: 'meter' }).run(new RecordBuilder().build()).pass).toBe(false);
  });
});
