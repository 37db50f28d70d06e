/**
 * Checks for the QoS and reliability module: the QoS a client chose for every message of a
 * stream, a persistent session resumed (Session Present), no message lost while a persistent
 * subscriber was offline, and a program that handled every message its client received.
 * Import them from this file (they are not re-exported by index.ts).
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, clientMatches, clientOf, describeClient, field, isBoolean, limited, listPhrase, nextOnLink,
  packets, payloadText, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;

/**
 * Every PUBLISH the client sent to `topic` went out at exactly `qos`, and there were `count` of
 * them (at least one when `count` is not given). The level is a per-message choice (3.1.1 §4.3):
 * a stream graded "at QoS 0" fails if any one message of it was sent at another level.
 */
export function publishedOnlyAt(topic: string, qos: 0 | 1 | 2, options: { count?: number; client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', section: '4.3', title: 'Quality of Service levels and protocol flows' } as const;
  const how = options.count === undefined ? 'every PUBLISH' : options.count === 1 ? 'exactly one PUBLISH' : `exactly ${options.count} PUBLISHes`;
  const expected = `${describeClient(options.client)} sends ${how} to ${quoted(topic)}, all at QoS ${qos}`;
  return {
    id: `published-only-at:${topic}:${qos}`,
    title: sentence(`${describeClient(options.client)} sent ${how} to ${quoted(topic)} at QoS ${qos}, none at another level`),
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', options.client).filter((entry) => topicMatches(topic, topicOf(entry)));
      const levels = new Map<number, number>();
      for (const entry of sent) levels.set(qosOf(entry), (levels.get(qosOf(entry)) ?? 0) + 1);
      const wrongLevel = sent.some((entry) => qosOf(entry) !== qos);
      const countOk = options.count === undefined ? sent.length > 0 : sent.length === options.count;
      return {
        pass: countOk && !wrongLevel,
        expected,
        seen: sent.length === 0
          ? `no PUBLISH to ${quoted(topic)}`
          : `${sent.length} PUBLISH${sent.length === 1 ? '' : 'es'} to ${quoted(topic)}: ${listPhrase([...levels].map(([level, n]) => `${n} at QoS ${level}`), '')}`,
        spec,
      };
    },
  };
}

/**
 * A CONNECT with Clean Session (3.1.1) / Clean Start (5.0) = 0 was answered by an accepting
 * CONNACK with Session Present = 1: the client came back to the session it left
 * (3.1.1 [MQTT-3.2.2-2]; 5.0 §3.2.2.1.1).
 */
export function sessionResumed(options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.2.2-2', section: '3.2.2.2', title: 'Session Present' } as const;
  const who = describeClient(options.client);
  return {
    id: 'session-resumed',
    title: sentence(`${who} reconnected to its stored session: CONNACK said Session Present = 1`),
    spec,
    run(record) {
      const answers = packets(record, 'connect', 'in', options.client).map((connect) => ({
        clean: field(connect, 'clean', isBoolean) === true,
        connack: nextOnLink(record, connect, (entry) => entry.packet.cmd === 'connack'),
      }));
      const resumed = answers.some(({ clean, connack }) => !clean && connack?.packet['sessionPresent'] === true);
      const phrases = answers.map(({ clean, connack }) =>
        `CONNECT with clean ${clean ? '1' : '0'} → ${connack ? `Session Present ${connack.packet['sessionPresent'] === true ? '1' : '0'}` : 'no CONNACK'}`);
      return {
        pass: resumed,
        expected: `${who} connects again with clean start/session 0 and the broker answers Session Present = 1`,
        seen: listPhrase(limited(phrases), 'no CONNECT at all'),
        spec,
      };
    },
  };
}

/** Record positions during which none of the client's links was open, after its first subscription. */
function offlineSpans(record: RunRecord, client: ClientMatcher): Array<{ from: number; to: number }> {
  const open = new Map<number, number>(); // linkId → seq it opened
  const spans: Array<{ from: number; to: number }> = [];
  let offlineFrom: number | undefined;
  for (const entry of record.entries) {
    if (entry.kind === 'packet' && entry.packet.cmd === 'connect' && entry.direction === 'in' && clientMatches(client, clientOf(record, entry), record)) {
      if (open.size === 0 && offlineFrom !== undefined) spans.push({ from: offlineFrom, to: entry.seq });
      open.set(entry.linkId, entry.seq);
      offlineFrom = undefined;
    }
    if (entry.kind === 'event' && entry.event === 'client-disconnected' && entry.linkId !== undefined && open.delete(entry.linkId) && open.size === 0) {
      offlineFrom = entry.seq;
    }
  }
  if (offlineFrom !== undefined) spans.push({ from: offlineFrom, to: Number.POSITIVE_INFINITY });
  return spans;
}

/**
 * Every message `from` published to `topic` after the client first subscribed reached the client
 * (matched by payload), and at least one of them was published while the client was offline:
 * the broker queued it in the client's session (3.1.1 [MQTT-3.1.2-5]; 5.0 §3.1.2.4).
 */
export function noMessageLostWhileOffline(expect: { topic: string; from: string; client?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.1.2-5', section: '3.1.2.4', title: 'QoS 1 and QoS 2 messages are stored for a disconnected session' } as const;
  const who = describeClient(expect.client);
  const expected = `every message ${quoted(expect.from)} publishes to ${quoted(expect.topic)} after ${who} subscribed reaches ${who}, including those published while it was offline`;
  return {
    id: `no-message-lost-offline:${expect.topic}`,
    title: sentence(`${who} received every message on ${quoted(expect.topic)}, including those published while it was offline`),
    spec,
    run(record) {
      const firstSubscribe = packets(record, 'subscribe', 'in', expect.client)[0];
      if (!firstSubscribe) return { pass: false, expected, seen: `${who} never subscribed`, spec };
      const published = packets(record, 'publish', 'in', expect.from)
        .filter((entry) => entry.seq > firstSubscribe.seq && topicMatches(expect.topic, topicOf(entry)));
      const delivered = packets(record, 'publish', 'out', expect.client).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      const reached = (entry: PacketEntry): boolean =>
        delivered.some((copy) => copy.seq > entry.seq && payloadText(copy.packet['payload']) === payloadText(entry.packet['payload']));
      const spans = offlineSpans(record, expect.client);
      const whileOffline = published.filter((entry) => spans.some((span) => entry.seq > span.from && entry.seq < span.to));
      const lost = published.filter((entry) => !reached(entry)).map((entry) => JSON.stringify(payloadText(entry.packet['payload']) ?? ''));
      const seen = [
        `${published.length} published after the subscription, ${whileOffline.length} of them while ${who} was offline`,
        lost.length === 0 ? 'none lost' : `never delivered: ${listPhrase(limited(lost), '')}`,
      ];
      return {
        pass: published.length > 0 && whileOffline.length > 0 && lost.length === 0,
        expected,
        seen: whileOffline.length === 0 && published.length > 0 ? `${seen.join('; ')} — go offline while messages are being published` : seen.join('; '),
        spec,
      };
    },
  };
}

/**
 * The program's returned value is an array holding, once each, the payload of every message the
 * broker delivered to the client on `topic`: nothing delivered was left unhandled, and nothing
 * handled twice. It is how the wire is compared with what the application did.
 */
export function returnedEachDeliveryOnce(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const who = describeClient(options.client);
  return {
    id: `returned-each-delivery-once:${topic}`,
    title: `Your program returned the payload of every message ${who} received on ${quoted(topic)}, each once`,
    run(record) {
      const delivered = [...new Set(packets(record, 'publish', 'out', options.client)
        .filter((entry) => topicMatches(topic, topicOf(entry)))
        .map((entry) => payloadText(entry.packet['payload']) ?? ''))];
      const got = record.outcome?.returned;
      const expected = `the program returns an array of the ${delivered.length} distinct payloads delivered on ${quoted(topic)}, each once`;
      if (!Array.isArray(got)) return { pass: false, expected, seen: got === undefined ? 'nothing was returned' : `returned ${JSON.stringify(got)}` };
      const handled = got.map(String);
      const missing = delivered.filter((payload) => !handled.includes(payload));
      const twice = handled.filter((payload, index) => handled.indexOf(payload) !== index);
      const problems = [
        missing.length > 0 ? `delivered but not handled: ${listPhrase(limited(missing.map((p) => JSON.stringify(p))), '')}` : '',
        twice.length > 0 ? `handled twice: ${listPhrase(limited(twice.map((p) => JSON.stringify(p))), '')}` : '',
      ].filter(Boolean);
      return {
        pass: delivered.length > 0 && problems.length === 0,
        expected,
        seen: problems.length > 0 ? problems.join('; ') : `${handled.length} handled, ${delivered.length} delivered`,
      };
    },
  };
}

