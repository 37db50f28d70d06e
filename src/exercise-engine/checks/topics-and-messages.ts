/**
 * Checks for module 2 (topics and messages): the will a client hands over in CONNECT, retained
 * messages set, delivered and cleared, the exact set of topics a design's subscriptions receive,
 * and the MQTT 5.0 properties that declare a payload's format.
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, describePublish, field, isNumber, limited, listPhrase, packets, payloadPhrase,
  payloadText, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

interface WillFields {
  topic?: unknown;
  payload?: unknown;
  qos?: unknown;
  retain?: unknown;
}

export interface WillExpectation {
  topic: string;
  payload?: string;
  qos?: 0 | 1 | 2;
  retain?: boolean;
  client?: ClientMatcher;
}

function willOf(entry: PacketEntry): WillFields | undefined {
  const will = entry.packet['will'];
  return typeof will === 'object' && will !== null ? (will as WillFields) : undefined;
}

function describeWill(will: WillFields | undefined): string {
  if (will === undefined) return 'a CONNECT without a will';
  const topic = typeof will.topic === 'string' ? will.topic : '?';
  return `a will on \`${topic}\` (${payloadPhrase(will.payload)}, QoS ${String(will.qos ?? 0)}, retain ${will.retain === true ? '1' : '0'})`;
}

function willPhrase(expect: WillExpectation): string {
  const parts = [`a will on \`${expect.topic}\``];
  if (expect.payload !== undefined) parts.push(`payload ${JSON.stringify(expect.payload)}`);
  if (expect.qos !== undefined) parts.push(`QoS ${expect.qos}`);
  if (expect.retain !== undefined) parts.push(expect.retain ? 'the Will Retain flag set' : 'the Will Retain flag unset');
  return listPhrase(parts, '');
}

/** The client's CONNECT carried a will with these fields (3.1.1 §3.1.2.5–3.1.2.7, §3.1.3.2–3.1.3.3). */
export function connectedWithWill(expect: WillExpectation): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.1.2-17', section: '3.1.2.7', title: 'Will Retain' } as const;
  const phrase = willPhrase(expect);
  return {
    id: `connected-with-will:${expect.topic}`,
    title: sentence(`${describeClient(expect.client)} connected with ${phrase}`),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', expect.client);
      const match = connects.find((entry) => {
        const will = willOf(entry);
        if (will === undefined || will.topic !== expect.topic) return false;
        if (expect.payload !== undefined && payloadText(will.payload) !== expect.payload) return false;
        if (expect.qos !== undefined && (will.qos ?? 0) !== expect.qos) return false;
        return expect.retain === undefined || (will.retain === true) === expect.retain;
      });
      return {
        pass: match !== undefined,
        expected: `${describeClient(expect.client)} sends CONNECT with ${phrase}`,
        seen: match
          ? `CONNECT with ${describeWill(willOf(match))}`
          : listPhrase(limited(connects.map((entry) => `CONNECT with ${describeWill(willOf(entry))}`)), 'no CONNECT'),
        spec,
      };
    },
  };
}

const isRetained = (entry: PacketEntry): boolean => entry.packet['retain'] === true;

function isEmptyPayload(entry: PacketEntry): boolean {
  const payload = entry.packet['payload'];
  if (payload === undefined || payload === '') return true;
  return typeof payload === 'object' && payload !== null && (payload as { base64?: unknown }).base64 === '';
}

/**
 * The broker sent a retained message to a new subscription: a PUBLISH with RETAIN = 1
 * (3.1.1 [MQTT-3.3.1-8]); a message forwarded on an established subscription has RETAIN = 0.
 */
export function receivedRetained(expect: { topic: string; payload?: string; to?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.3.1-8', section: '3.3.1.3', title: 'RETAIN' } as const;
  const what = `the retained message of \`${expect.topic}\`${expect.payload === undefined ? '' : ` (${JSON.stringify(expect.payload)})`}`;
  const who = describeClient(expect.to);
  return {
    id: `received-retained:${expect.topic}:${typeof expect.to === 'string' ? expect.to : 'any'}`,
    title: sentence(`${who} received ${what} with RETAIN = 1`),
    spec,
    run(record) {
      const deliveries = packets(record, 'publish', 'out', expect.to).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      const match = deliveries.find(
        (entry) => isRetained(entry) && (expect.payload === undefined || payloadText(entry.packet['payload']) === expect.payload),
      );
      const describe = (entry: PacketEntry): string => `${describePublish(entry)} with RETAIN = ${isRetained(entry) ? 1 : 0}`;
      return {
        pass: match !== undefined,
        expected: `a subscription made after the retained publish gets ${what}, flagged RETAIN = 1`,
        seen: match ? describe(match) : listPhrase(limited(deliveries.map(describe)), `nothing delivered on \`${expect.topic}\``),
        spec,
      };
    },
  };
}

/**
 * The client never received this message: e.g. a retained value that was replaced before it
 * subscribed, since the broker keeps one retained message per topic (5.0 §3.3.1.3: a new one replaces it).
 */
export function notReceived(expect: { topic: string; payload: string; to?: ClientMatcher; because: string }): Check {
  const spec = { version: '5.0', section: '3.3.1.3', title: 'RETAIN: a retained message replaces the previous one' } as const;
  const who = describeClient(expect.to);
  return {
    id: `not-received:${expect.topic}:${expect.payload}`,
    title: sentence(`${who} did not receive ${JSON.stringify(expect.payload)} on \`${expect.topic}\``),
    spec,
    run(record) {
      const unwanted = packets(record, 'publish', 'out', expect.to).filter(
        (entry) => topicMatches(expect.topic, topicOf(entry)) && payloadText(entry.packet['payload']) === expect.payload,
      );
      return {
        pass: unwanted.length === 0,
        expected: `${who} never receives ${JSON.stringify(expect.payload)}: ${expect.because}`,
        seen: unwanted[0] ? `${describePublish(unwanted[0])} delivered to \`${unwanted[0].clientId}\`` : `no ${JSON.stringify(expect.payload)} delivered`,
        spec,
      };
    },
  };
}

function clearsOf(record: RunRecord, topic: string, client: ClientMatcher): PacketEntry[] {
  return packets(record, 'publish', 'in', client).filter((entry) => topicOf(entry) === topic && isRetained(entry) && isEmptyPayload(entry));
}

/** The client cleared the topic's retained message with a zero-length retained PUBLISH (3.1.1 [MQTT-3.3.1-10]). */
export function retainedCleared(expect: { topic: string; client?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.3.1-10', section: '3.3.1.3', title: 'RETAIN' } as const;
  return {
    id: `retained-cleared:${expect.topic}`,
    title: sentence(`${describeClient(expect.client)} cleared the retained message of \`${expect.topic}\` with a zero-length retained PUBLISH`),
    spec,
    run(record) {
      const clears = clearsOf(record, expect.topic, expect.client);
      const onTopic = packets(record, 'publish', 'in', expect.client).filter((entry) => topicOf(entry) === expect.topic);
      return {
        pass: clears.length > 0,
        expected: `a PUBLISH to \`${expect.topic}\` with RETAIN = 1 and an empty payload`,
        seen: clears[0]
          ? `${describePublish(clears[0])} with RETAIN = 1`
          : listPhrase(limited(onTopic.map((entry) => `${describePublish(entry)} with RETAIN = ${isRetained(entry) ? 1 : 0}`)), `no PUBLISH to \`${expect.topic}\``),
        spec,
      };
    },
  };
}

/**
 * After the clear, a new subscription matching the topic was made and the broker sent it no
 * retained message for the topic (3.1.1 [MQTT-3.3.1-10], [MQTT-3.3.1-11]).
 */
export function noRetainedAfterClear(expect: { topic: string; client?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.3.1-11', section: '3.3.1.3', title: 'A zero-byte retained message MUST NOT be stored' } as const;
  return {
    id: `no-retained-after-clear:${expect.topic}`,
    title: `A subscription made after the clear received no retained message on \`${expect.topic}\``,
    spec,
    run(record) {
      const expected = `after clearing \`${expect.topic}\`, ${describeClient(expect.client)} subscribes again with a matching filter and receives no retained message for it`;
      const clear = clearsOf(record, expect.topic, expect.client)[0];
      if (clear === undefined) return { pass: false, expected, seen: `the retained message of \`${expect.topic}\` was never cleared`, spec };
      const later = packets(record, 'subscribe', 'in', expect.client).filter((entry) => {
        const list = entry.packet['subscriptions'];
        return entry.seq > clear.seq && Array.isArray(list) &&
          list.some((item: unknown) => typeof (item as { topic?: unknown }).topic === 'string' && topicMatches((item as { topic: string }).topic, expect.topic));
      });
      const subscribe = later[0];
      if (subscribe === undefined) return { pass: false, expected, seen: 'no SUBSCRIBE matching the topic after the clear', spec };
      const retained = packets(record, 'publish', 'out', expect.client).filter(
        (entry) => entry.linkId === subscribe.linkId && entry.seq > subscribe.seq && isRetained(entry) && topicOf(entry) === expect.topic,
      );
      return {
        pass: retained.length === 0,
        expected,
        seen: retained[0] ? `${describePublish(retained[0])} with RETAIN = 1 after the clear` : 'a SUBSCRIBE after the clear, and no retained message for the topic',
        spec,
      };
    },
  };
}

/**
 * The learner's clients received messages on exactly these topics: every one of them, and no
 * other (a topic design's subscriptions neither miss nor over-match).
 */
export function receivedExactlyTopics(expect: { topics: readonly string[]; to?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', section: '4.7', title: 'Topic Names and Topic Filters' } as const;
  const wanted = new Set(expect.topics);
  return {
    id: `received-exactly:${typeof expect.to === 'string' ? expect.to : 'any'}`,
    title: sentence(`${describeClient(expect.to)} received messages on exactly the ${wanted.size} intended topics, and on no other`),
    spec,
    run(record) {
      const got = new Set(packets(record, 'publish', 'out', expect.to).map(topicOf));
      const missing = [...wanted].filter((topic) => !got.has(topic)).map((topic) => `\`${topic}\``);
      const extra = [...got].filter((topic) => !wanted.has(topic)).map((topic) => `\`${topic}\``);
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`missing ${listPhrase(limited(missing), '')}`);
      if (extra.length > 0) parts.push(`also received ${listPhrase(limited(extra), '')}`);
      return {
        pass: missing.length === 0 && extra.length === 0,
        expected: `messages on ${listPhrase(limited([...wanted].map((topic) => `\`${topic}\``), 6), 'no topic')}, and nothing else`,
        seen: parts.length > 0 ? parts.join('; ') : `exactly those ${wanted.size} topics`,
        spec,
      };
    },
  };
}

/**
 * The client's PUBLISH declared its payload (5.0 §3.3.2.3.2 Payload Format Indicator,
 * §3.3.2.3.9 Content Type), and the payload is what the indicator claims.
 */
export function declaredPayloadFormat(expect: { topic: string; utf8: boolean; contentType?: string; json?: boolean; client?: ClientMatcher }): Check {
  const spec = { version: '5.0', section: '3.3.2.3.2', title: 'Payload Format Indicator' } as const;
  const parts = [`Payload Format Indicator ${expect.utf8 ? 1 : 0}`];
  if (expect.contentType !== undefined) parts.push(`Content Type \`${expect.contentType}\``);
  if (expect.json) parts.push('a payload that parses as JSON');
  const phrase = listPhrase(parts, '');
  const properties = (entry: PacketEntry): Record<string, unknown> => {
    const value = entry.packet['properties'];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const describe = (entry: PacketEntry): string => {
    const props = properties(entry);
    const indicator = props['payloadFormatIndicator'] === true ? 1 : 0;
    const type = typeof props['contentType'] === 'string' ? `, Content Type \`${props['contentType']}\`` : ', no Content Type';
    return `${describePublish(entry)} with Payload Format Indicator ${indicator}${type}`;
  };
  const parsesAsJson = (entry: PacketEntry): boolean => {
    const text = payloadText(entry.packet['payload']);
    if (text === undefined) return false;
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  return {
    id: `declared-payload-format:${expect.topic}`,
    title: sentence(`${describeClient(expect.client)} published to \`${expect.topic}\` with ${phrase}`),
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', expect.client).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      const match = sent.find((entry) => {
        const props = properties(entry);
        if ((props['payloadFormatIndicator'] === true) !== expect.utf8) return false;
        // An indicator of 1 promises UTF-8: bytes that are not valid UTF-8 break that promise.
        if (expect.utf8 && payloadText(entry.packet['payload']) === undefined) return false;
        if (expect.contentType !== undefined && props['contentType'] !== expect.contentType) return false;
        return !expect.json || parsesAsJson(entry);
      });
      const version = packets(record, 'connect', 'in', expect.client).map((entry) => field(entry, 'protocolVersion', isNumber));
      return {
        pass: match !== undefined,
        expected: `a PUBLISH to \`${expect.topic}\` with ${phrase} (MQTT 5.0 properties: connect with protocolVersion 5)`,
        seen: match
          ? describe(match)
          : listPhrase(limited(sent.map(describe)), `no PUBLISH to \`${expect.topic}\`${version.includes(5) ? '' : ' over MQTT 5.0'}`),
        spec,
      };
    },
  };
}
