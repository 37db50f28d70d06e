/**
 * Checks for module 8, constrained environments: the bytes a client put on the wire, topic aliases,
 * readings decoded from a fixed binary layout, and the settings of a device that sleeps between
 * wake-ups (persistent session, keep-alive, every connection ended by its own DISCONNECT, QoS 1
 * commands acknowledged). Byte counts come from each packet's recorded raw bytes, never from a guess.
 */
import { Buffer } from 'buffer';
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import {
  type ClientMatcher, clientMatches, clientOf, describeClient, field, isBoolean, isNumber, limited, listPhrase, messageIdOf,
  nextOnLink, packets, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;

/** Size of a packet as it crossed the wire. */
export const wireSize = (entry: PacketEntry): number => Buffer.from(entry.raw, 'base64').length;

/** Every packet, both directions, on the links of the matching clients. */
function linkPackets(record: RunRecord, client: ClientMatcher): PacketEntry[] {
  return record.entries.filter(
    (entry): entry is PacketEntry => entry.kind === 'packet' && clientMatches(client, clientOf(record, entry), record),
  );
}

function topicAliasOf(entry: PacketEntry): number | undefined {
  const properties = entry.packet['properties'];
  if (typeof properties !== 'object' || properties === null) return undefined;
  const alias = (properties as { topicAlias?: unknown }).topicAlias;
  return typeof alias === 'number' ? alias : undefined;
}

/**
 * The topic each PUBLISH the client sent stands for: its Topic Name, or — for a zero-length topic —
 * the topic its Topic Alias was last set to on the same connection (5.0 §3.3.2.3.4). Mappings
 * belong to one network connection, so they are kept per link.
 */
export function publishesWithTopics(record: RunRecord, client: ClientMatcher): Array<{ entry: PacketEntry; topic: string; aliased: boolean }> {
  const aliases = new Map<string, string>(); // `${linkId}:${alias}` → topic
  return packets(record, 'publish', 'in', client).map((entry) => {
    const alias = topicAliasOf(entry);
    const written = topicOf(entry);
    if (alias !== undefined && written !== '') aliases.set(`${entry.linkId}:${alias}`, written);
    const aliased = alias !== undefined && written === '';
    const topic = aliased ? (aliases.get(`${entry.linkId}:${alias}`) ?? '') : written;
    return { entry, topic, aliased };
  });
}

const budgetSpec: SpecRef = { version: '3.1.1', section: '2.2', title: 'Fixed header (and every packet’s size on the wire)' };

/**
 * All the packets on the client's connections, in both directions and from CONNECT to
 * DISCONNECT, add up to at most `budget` bytes of MQTT. What the link layer, IP, TCP and TLS add
 * is not counted: the record holds MQTT bytes.
 */
export function withinByteBudget(budget: number, options: { client?: ClientMatcher } = {}): Check {
  const who = describeClient(options.client);
  return {
    id: `within-byte-budget:${budget}`,
    title: sentence(`${who} used at most ${budget} bytes of MQTT, counting every packet in both directions`),
    spec: budgetSpec,
    run(record) {
      const all = linkPackets(record, options.client);
      const byType = new Map<string, { count: number; bytes: number }>();
      let total = 0;
      for (const entry of all) {
        const size = wireSize(entry);
        total += size;
        const name = entry.packet.cmd.toUpperCase();
        const sum = byType.get(name) ?? { count: 0, bytes: 0 };
        byType.set(name, { count: sum.count + 1, bytes: sum.bytes + size });
      }
      const breakdown = [...byType].sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([name, sum]) => `${sum.count} ${name} ${sum.bytes} B`);
      return {
        pass: all.length > 0 && total <= budget,
        expected: `at most ${budget} bytes on ${who}'s connections, CONNECT and CONNACK included`,
        seen: all.length === 0 ? 'no packet at all' : `${total} bytes: ${listPhrase(limited(breakdown, 6), '')}`,
        spec: budgetSpec,
      };
    },
  };
}

/**
 * The client published to `topic` with a Topic Alias: at least one PUBLISH carried the full topic
 * with the alias, and at least `minimum` later ones a zero-length topic and only the alias
 * (5.0 §3.3.2.3.4).
 */
export function usedTopicAlias(topic: string, options: { client?: ClientMatcher; minimum?: number } = {}): Check {
  const spec: SpecRef = { version: '5.0', section: '3.3.2.3.4', title: 'Topic Alias' };
  const who = describeClient(options.client);
  const minimum = options.minimum ?? 1;
  return {
    id: `used-topic-alias:${topic}`,
    title: sentence(`${who} replaced ${quoted(topic)} by a Topic Alias after setting it once`),
    spec,
    run(record) {
      const sent = publishesWithTopics(record, options.client).filter((publish) => publish.topic === topic);
      const aliased = sent.filter((publish) => publish.aliased).length;
      const set = sent.filter((publish) => !publish.aliased && topicAliasOf(publish.entry) !== undefined).length;
      return {
        pass: set > 0 && aliased >= minimum,
        expected: `one PUBLISH with the topic and a Topic Alias, then at least ${minimum} with an empty topic and the alias alone`,
        seen: sent.length === 0
          ? `no PUBLISH to ${quoted(topic)}`
          : `${sent.length} PUBLISH to ${quoted(topic)}: ${set} set an alias, ${aliased} sent the alias alone, ${sent.length - set - aliased} the full topic without one`,
        spec,
      };
    },
  };
}

/** One field of a fixed binary layout: a big-endian integer scaled down by `scale`. */
export interface LayoutField {
  name: string;
  type: 'int16' | 'uint16';
  /** The stored integer is the value times `scale` (10 for tenths). */
  scale: number;
  unit?: string;
}

function decode(bytes: Buffer, layout: readonly LayoutField[]): Record<string, number> | undefined {
  if (bytes.length !== layout.length * 2) return undefined;
  const values: Record<string, number> = {};
  layout.forEach((item, index) => {
    const raw = item.type === 'int16' ? bytes.readInt16BE(index * 2) : bytes.readUInt16BE(index * 2);
    values[item.name] = raw / item.scale;
  });
  return values;
}

const describeReading = (values: Record<string, number> | undefined, layout: readonly LayoutField[]): string =>
  values === undefined ? 'not decodable' : layout.map((item) => `${values[item.name]}${item.unit ?? ''}`).join(' / ');

function payloadBytes(entry: PacketEntry): Buffer {
  const payload = entry.packet['payload'] as { base64?: unknown } | undefined;
  return typeof payload?.base64 === 'string' ? Buffer.from(payload.base64, 'base64') : Buffer.alloc(0);
}

/**
 * The subscriber `to` received on `topic` exactly the expected readings, in order, and each
 * payload decodes with the stated fixed layout (2 bytes per field, big-endian) to the expected
 * values. It is how the grader plays the consumer who must understand the compact encoding.
 */
export function receivedReadings(expect: {
  to: ClientMatcher;
  topic: string;
  layout: readonly LayoutField[];
  readings: ReadonlyArray<Record<string, number>>;
}): Check {
  const spec: SpecRef = { version: '5.0', section: '3.3.3', title: 'PUBLISH Payload (application data, its format agreed by sender and receiver)' };
  const who = describeClient(expect.to);
  const size = expect.layout.length * 2;
  const format = expect.layout.map((item) => `${item.name} as ${item.type === 'int16' ? 'a signed' : 'an unsigned'} 16-bit integer in 1/${item.scale}`).join(', ');
  return {
    id: `received-readings:${expect.topic}`,
    title: sentence(`${who} received the ${expect.readings.length} readings on ${quoted(expect.topic)} in order, each ${size} bytes that decode to the right values`),
    spec,
    run(record) {
      const got = packets(record, 'publish', 'out', expect.to).filter((entry) => topicOf(entry) === expect.topic);
      const decoded = got.map((entry) => ({ bytes: payloadBytes(entry), values: decode(payloadBytes(entry), expect.layout) }));
      const wrong: string[] = [];
      expect.readings.forEach((reading, index) => {
        const copy = decoded[index];
        if (!copy) return;
        const matches = copy.values !== undefined && expect.layout.every((item) => Math.abs((copy.values?.[item.name] ?? NaN) - (reading[item.name] ?? NaN)) < 1e-9);
        if (!matches) {
          const seen = copy.values === undefined ? `${copy.bytes.length} bytes (${size} expected)` : describeReading(copy.values, expect.layout);
          wrong.push(`reading ${index + 1} is ${seen}, expected ${describeReading(reading, expect.layout)}`);
        }
      });
      const problems = [
        got.length !== expect.readings.length ? `${got.length} messages arrived, ${expect.readings.length} expected` : '',
        ...wrong,
      ].filter(Boolean);
      return {
        pass: problems.length === 0,
        expected: `${expect.readings.length} messages on ${quoted(expect.topic)}, in order, each ${size} bytes: ${format}, big-endian`,
        seen: problems.length === 0 ? `${got.length} readings, all decoded correctly` : listPhrase(limited(problems, 3), ''),
        spec,
      };
    },
  };
}

/**
 * The client published to `topic` (aliases resolved) only at `qos`, `count` times if given. Unlike
 * module 3's publishedOnlyAt it follows Topic Aliases, so an aliased PUBLISH still counts.
 */
export function publishedAtQoS(topic: string, qos: 0 | 1 | 2, options: { client?: ClientMatcher; count?: number } = {}): Check {
  const spec: SpecRef = { version: '3.1.1', section: '4.3', title: 'Quality of Service levels and protocol flows' };
  const who = describeClient(options.client);
  return {
    id: `published-at-qos:${topic}:${qos}`,
    title: sentence(`${who} published ${options.count ?? 'its'} message${options.count === 1 ? '' : 's'} to ${quoted(topic)} at QoS ${qos}`),
    spec,
    run(record) {
      const sent = publishesWithTopics(record, options.client).filter((publish) => publish.topic === topic);
      const levels = [0, 1, 2].map((level) => sent.filter((publish) => qosOf(publish.entry) === level).length);
      const pass = sent.length > 0 && levels[qos] === sent.length && (options.count === undefined || sent.length === options.count);
      return {
        pass,
        expected: `${options.count ?? 'every'} PUBLISH${options.count === 1 ? '' : 'es'} to ${quoted(topic)}, all at QoS ${qos}`,
        seen: sent.length === 0
          ? `no PUBLISH to ${quoted(topic)}`
          : `${sent.length} PUBLISH to ${quoted(topic)}: ${listPhrase(levels.map((n, level) => (n > 0 ? `${n} at QoS ${level}` : '')).filter(Boolean), '')}`,
        spec,
      };
    },
  };
}

/**
 * Every CONNECT of the client asks for a session that outlives its sleep: MQTT 5.0, Clean Start 0
 * and a Session Expiry Interval of at least `minSessionExpiry` seconds (5.0 §3.1.2.4, §3.1.2.11.2).
 */
export function sessionOutlivesSleep(minSessionExpiry: number, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', section: '3.1.2.11.2', title: 'Session Expiry Interval' };
  const who = describeClient(options.client);
  return {
    id: `session-outlives-sleep:${minSessionExpiry}`,
    title: sentence(`${who} connected every time with Clean Start 0 and a Session Expiry Interval of at least ${minSessionExpiry} s`),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', options.client);
      const describe = (entry: PacketEntry): string => {
        const expiry = (entry.packet['properties'] as { sessionExpiryInterval?: number } | undefined)?.sessionExpiryInterval;
        return `MQTT ${field(entry, 'protocolVersion', isNumber) === 5 ? '5.0' : '3.1.1'}, Clean Start ${field(entry, 'clean', isBoolean) ? 1 : 0}, Session Expiry ${expiry ?? 0} s`;
      };
      const good = (entry: PacketEntry): boolean => {
        const expiry = (entry.packet['properties'] as { sessionExpiryInterval?: number } | undefined)?.sessionExpiryInterval ?? 0;
        return field(entry, 'protocolVersion', isNumber) === 5 && field(entry, 'clean', isBoolean) === false && expiry >= minSessionExpiry;
      };
      const bad = connects.filter((entry) => !good(entry));
      return {
        pass: connects.length > 0 && bad.length === 0,
        expected: `every CONNECT: MQTT 5.0, Clean Start 0, Session Expiry Interval ≥ ${minSessionExpiry} s — with 0 the session, its subscription and the queued commands end at the disconnect`,
        seen: connects.length === 0 ? 'no CONNECT at all' : bad.length === 0 ? `${connects.length} CONNECTs, all ${describe(connects[0] as PacketEntry)}` : `${bad.length} of ${connects.length} CONNECTs were ${describe(bad[0] as PacketEntry)}`,
        spec,
      };
    },
  };
}

/**
 * Every CONNECT of the client asks for a Keep Alive in [min, max] seconds: long enough not to
 * wake the radio for pings, short enough for the network's idle timeout (3.1.1 §3.1.2.10).
 */
export function keepAliveBetween(min: number, max: number, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '3.1.1', statement: 'MQTT-3.1.2-23', section: '3.1.2.10', title: 'Keep Alive' };
  const who = describeClient(options.client);
  return {
    id: `keep-alive-between:${min}:${max}`,
    title: sentence(`${who} asked for a Keep Alive between ${min} and ${max} seconds`),
    spec,
    run(record) {
      const values = packets(record, 'connect', 'in', options.client).map((entry) => field(entry, 'keepalive', isNumber) ?? 0);
      const outside = values.filter((value) => value < min || value > max);
      return {
        pass: values.length > 0 && outside.length === 0,
        expected: `Keep Alive ≥ ${min} s (fewer radio wake-ups for PINGREQ) and ≤ ${max} s (under the network's idle timeout) on every CONNECT`,
        seen: values.length === 0 ? 'no CONNECT at all' : `Keep Alive ${listPhrase(limited([...new Set(values)].map((value) => `${value} s`)), '')}`,
        spec,
      };
    },
  };
}

/**
 * The client woke at least `cycles` times: that many connections, each publishing to `topic` and
 * each ended by the client's own DISCONNECT — none closed by the broker (a keep-alive timeout, a
 * protocol error) or by a vanished network, which would also have published the will
 * (3.1.1 [MQTT-3.14.4-3]; [MQTT-3.1.2-24]).
 */
export function wokeAndSleptCleanly(cycles: number, topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '3.1.1', statement: 'MQTT-3.14.4-3', section: '3.14.4', title: 'DISCONNECT: the will is discarded' };
  const who = describeClient(options.client);
  return {
    id: `woke-and-slept-cleanly:${cycles}`,
    title: sentence(`${who} woke ${cycles} times, published to ${quoted(topic)} each time and ended each connection with DISCONNECT`),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', options.client);
      const problems: string[] = [];
      connects.forEach((connect, index) => {
        const on = (cmd: string, direction: 'in' | 'out'): PacketEntry | undefined =>
          nextOnLink(record, connect, (entry) => entry.packet.cmd === cmd && entry.direction === direction);
        const published = record.entries.some((entry) => entry.kind === 'packet' && entry.linkId === connect.linkId && entry.direction === 'in' && entry.packet.cmd === 'publish' && topicMatches(topic, topicOf(entry)));
        const closed = record.entries.find((entry) => entry.kind === 'event' && entry.event === 'client-disconnected' && entry.linkId === connect.linkId);
        if (!published) problems.push(`wake-up ${index + 1} published nothing to ${quoted(topic)}`);
        if (!on('disconnect', 'in')) {
          const why = on('disconnect', 'out') ? 'the broker disconnected it' : closed && closed.kind === 'event' && closed.reason ? closed.reason : 'it never sent DISCONNECT';
          problems.push(`wake-up ${index + 1} did not end with DISCONNECT (${why})`);
        }
      });
      return {
        pass: connects.length >= cycles && problems.length === 0,
        expected: `at least ${cycles} connections, each publishing to ${quoted(topic)} and each ended by ${who}'s DISCONNECT`,
        seen: connects.length === 0 ? 'no connection at all' : problems.length === 0 ? `${connects.length} wake-ups, all ended cleanly` : `${connects.length} wake-up${connects.length === 1 ? '' : 's'}: ${listPhrase(limited(problems, 3), '')}`,
        spec,
      };
    },
  };
}

/**
 * Every PUBLISH the broker delivered to the client on `topic` arrived at QoS 1 and the client
 * answered it with a PUBACK on the same connection (3.1.1 [MQTT-4.3.2-2]; 5.0 §4.3.2).
 */
export function acknowledgedEveryDelivery(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '3.1.1', statement: 'MQTT-4.3.2-2', section: '4.3.2', title: 'QoS 1: the receiver answers with PUBACK' };
  const who = describeClient(options.client);
  return {
    id: `acknowledged-every-delivery:${topic}`,
    title: sentence(`${who} received its commands on ${quoted(topic)} at QoS 1 and acknowledged each one`),
    spec,
    run(record) {
      const delivered = packets(record, 'publish', 'out', options.client).filter((entry) => topicMatches(topic, topicOf(entry)));
      const below = delivered.filter((entry) => qosOf(entry) !== 1);
      const unanswered = delivered.filter((entry) => qosOf(entry) === 1 && !nextOnLink(record, entry, (reply) =>
        reply.direction === 'in' && reply.packet.cmd === 'puback' && messageIdOf(reply) === messageIdOf(entry)));
      const problems = [
        below.length > 0 ? `${below.length} delivered at QoS ${qosOf(below[0] as PacketEntry)}` : '',
        unanswered.length > 0 ? `${unanswered.length} never acknowledged` : '',
      ].filter(Boolean);
      return {
        pass: delivered.length > 0 && problems.length === 0,
        expected: `every command on ${quoted(topic)} delivered at QoS 1 and answered with PUBACK`,
        seen: delivered.length === 0 ? `nothing was delivered on ${quoted(topic)}` : problems.length === 0 ? `${delivered.length} delivered at QoS 1, all acknowledged` : listPhrase(problems, ''),
        spec,
      };
    },
  };
}
