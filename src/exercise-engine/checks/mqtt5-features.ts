/**
 * Checks for the MQTT 5.0 features module: request/response (Response Topic and Correlation
 * Data), subscription options (No Local, Retain Handling) and flow control (Receive Maximum).
 * Import them from this file (they are not re-exported by index.ts).
 */
import type { BinaryField, PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import {
  type ClientMatcher, clientMatches, clientOf, describeClient, limited, listPhrase, messageIdOf, packets,
  payloadText, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;
/** Every client, peers included. */
const ANY_CLIENT = /^/;

function propertiesOf(entry: PacketEntry): Record<string, unknown> {
  const properties = entry.packet['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

function binaryOf(value: unknown): BinaryField | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { base64?: unknown }).base64 === 'string' ? (value as BinaryField) : undefined;
}

/** Correlation Data as the learner reads it in a verdict: its text when it is UTF-8, else hex. */
function correlationPhrase(data: BinaryField | undefined): string {
  if (!data) return 'no Correlation Data';
  if (data.utf8 !== undefined && /^[\x20-\x7e]*$/.test(data.utf8)) return `Correlation Data "${data.utf8}"`;
  // atob, not Buffer: checks also run in the page.
  const hex = [...atob(data.base64)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return `Correlation Data 0x${hex}`;
}

// ---- request / response --------------------------------------------------------------------

export interface RequestExpectation {
  /** The topic (or filter) requests are published to. */
  requestTopic: string;
  /** Who sends the requests (scenario peers); default: any client that is not the responder. */
  requesters?: ClientMatcher;
  /** The responder; default: the learner's clients. */
  responder?: ClientMatcher;
  /** The payload a correct response to a request payload carries; absent: any payload. */
  answer?: (request: string) => string;
}

/**
 * Every request (a PUBLISH to `requestTopic` with a Response Topic) was answered exactly once
 * by the responder: a PUBLISH to that request's Response Topic, after the request, carrying the
 * request's Correlation Data byte for byte (5.0 §4.10.2, §3.3.2.3.5, §3.3.2.3.6) and, when
 * `answer` is given, the right payload. Requests without a Response Topic are not requests.
 */
export function answeredEveryRequest(expect: RequestExpectation): Check {
  const spec: SpecRef = { version: '5.0', section: '4.10', title: 'Request / Response' };
  const responder = describeClient(expect.responder);
  const expected = `${responder} answers every request on ${quoted(expect.requestTopic)} once, on the request's own Response Topic, with its Correlation Data copied unchanged${expect.answer ? ' and the right answer' : ''}`;
  return {
    id: `answered-every-request:${expect.requestTopic}`,
    title: sentence(`${responder} answered every request on ${quoted(expect.requestTopic)} on its Response Topic, with its Correlation Data`),
    spec,
    run(record) {
      const isRequester = (entry: PacketEntry): boolean =>
        expect.requesters === undefined ? !clientMatches(expect.responder, clientOf(record, entry), record) : clientMatches(expect.requesters, clientOf(record, entry), record);
      const requests = packets(record, 'publish', 'in', ANY_CLIENT)
        .filter((entry) => isRequester(entry) && topicMatches(expect.requestTopic, topicOf(entry)) && typeof propertiesOf(entry)['responseTopic'] === 'string');
      if (requests.length === 0) return { pass: false, expected, seen: `no request with a Response Topic was published to ${quoted(expect.requestTopic)}`, spec };
      const responses = packets(record, 'publish', 'in', expect.responder);
      const used = new Set<number>();
      const problems: string[] = [];
      for (const request of requests) {
        const responseTopic = propertiesOf(request)['responseTopic'] as string;
        const correlation = binaryOf(propertiesOf(request)['correlationData']);
        const onTopic = responses.filter((entry) => entry.seq > request.seq && !used.has(entry.seq) && topicOf(entry) === responseTopic);
        const matching = onTopic.filter((entry) => binaryOf(propertiesOf(entry)['correlationData'])?.base64 === correlation?.base64);
        const what = `the request ${JSON.stringify(payloadText(request.packet['payload']) ?? '')} (${correlationPhrase(correlation)})`;
        const [response] = matching;
        if (!response) {
          const seenOnTopic = onTopic[0] ? `; on ${quoted(responseTopic)} came one with ${correlationPhrase(binaryOf(propertiesOf(onTopic[0])['correlationData']))}` : '';
          problems.push(`no response to ${what} on ${quoted(responseTopic)}${seenOnTopic}`);
          continue;
        }
        used.add(response.seq);
        if (matching.length > 1) problems.push(`${matching.length} responses to ${what}`);
        if (expect.answer) {
          const want = expect.answer(payloadText(request.packet['payload']) ?? '');
          const got = payloadText(response.packet['payload']) ?? '';
          if (got !== want) problems.push(`the response to ${what} was ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
        }
      }
      return {
        pass: problems.length === 0,
        expected,
        seen: problems.length === 0 ? `${requests.length} requests, each answered once on its Response Topic with its Correlation Data` : listPhrase(limited(problems, 3), ''),
        spec,
      };
    },
  };
}

// ---- subscription options ------------------------------------------------------------------

export interface SubscriptionOptions {
  qos?: 0 | 1 | 2;
  /** No Local (5.0 §3.8.3.1). */
  nl?: boolean;
  /** Retain As Published. */
  rap?: boolean;
  /** Retain Handling: 0 send retained on subscribe, 1 only for a new subscription, 2 never. */
  rh?: 0 | 1 | 2;
}

interface WireSubscription {
  topic: string;
  qos: number;
  nl: boolean;
  rap: boolean;
  rh: number;
}

function wireSubscriptions(entry: PacketEntry): WireSubscription[] {
  const list = entry.packet['subscriptions'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const s = item as Record<string, unknown>;
    if (typeof s['topic'] !== 'string') return [];
    return [{ topic: s['topic'], qos: Number(s['qos'] ?? 0), nl: s['nl'] === true, rap: s['rap'] === true, rh: Number(s['rh'] ?? 0) }];
  });
}

function optionsPhrase(s: { qos?: number; nl?: boolean; rap?: boolean; rh?: number }): string {
  return [
    s.qos === undefined ? '' : `QoS ${s.qos}`,
    s.nl === undefined ? '' : `No Local ${s.nl ? 1 : 0}`,
    s.rap === undefined ? '' : `Retain As Published ${s.rap ? 1 : 0}`,
    s.rh === undefined ? '' : `Retain Handling ${s.rh}`,
  ].filter(Boolean).join(', ');
}

/**
 * Every SUBSCRIBE the client sent for `filter` carried the given subscription options, and there
 * was at least one (the options byte of 5.0 §3.8.3.1, read from the wire). Options left out of
 * `want` are not graded.
 */
export function subscribedWithOptions(filter: string, want: SubscriptionOptions, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', section: '3.8.3.1', title: 'Subscription Options' };
  const who = describeClient(options.client);
  const expected = `${who} subscribes to ${quoted(filter)} with ${optionsPhrase(want)}, every time`;
  return {
    id: `subscribed-with-options:${filter}`,
    title: sentence(`${who} subscribed to ${quoted(filter)} with ${optionsPhrase(want)}`),
    spec,
    run(record) {
      const sent = packets(record, 'subscribe', 'in', options.client).flatMap(wireSubscriptions).filter((s) => s.topic === filter);
      const fits = (s: WireSubscription): boolean =>
        (want.qos === undefined || s.qos === want.qos) && (want.nl === undefined || s.nl === want.nl) &&
        (want.rap === undefined || s.rap === want.rap) && (want.rh === undefined || s.rh === want.rh);
      const wrong = sent.filter((s) => !fits(s));
      return {
        pass: sent.length > 0 && wrong.length === 0,
        expected,
        seen: sent.length === 0
          ? `no SUBSCRIBE to ${quoted(filter)}`
          : listPhrase(limited(sent.map((s) => `SUBSCRIBE ${quoted(filter)} with ${optionsPhrase({ qos: s.qos, nl: s.nl, rap: s.rap, rh: s.rh })}`)), ''),
        spec,
      };
    },
  };
}

/**
 * The broker never sent the client a message that one of the client's own connections had
 * published to `filter` — what No Local guarantees (5.0 [MQTT-3.8.3-3]). Also requires that the
 * client did publish there, so the check cannot pass by saying nothing.
 */
export function ownMessagesNotEchoed(filter: string, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', statement: 'MQTT-3.8.3-3', section: '3.8.3.1', title: 'No Local' };
  const who = describeClient(options.client);
  return {
    id: `own-messages-not-echoed:${filter}`,
    title: sentence(`${who} never received its own messages on ${quoted(filter)} back`),
    spec,
    run(record) {
      const published = packets(record, 'publish', 'in', options.client).filter((entry) => topicMatches(filter, topicOf(entry)));
      const expected = `${who} publishes to ${quoted(filter)} and none of those messages is delivered back to it`;
      if (published.length === 0) return { pass: false, expected, seen: `${who} published nothing to ${quoted(filter)}`, spec };
      const echoed = packets(record, 'publish', 'out', options.client).filter((copy) =>
        published.some((own) => own.seq < copy.seq && clientOf(record, own) === clientOf(record, copy) && topicOf(own) === topicOf(copy) &&
          payloadText(own.packet['payload']) === payloadText(copy.packet['payload'])));
      return {
        pass: echoed.length === 0,
        expected,
        seen: echoed.length === 0
          ? `${published.length} published, none echoed back`
          : `echoed back: ${listPhrase(limited(echoed.map((e) => JSON.stringify(payloadText(e.packet['payload']) ?? ''))), '')}`,
        spec,
      };
    },
  };
}

/**
 * The client subscribed to a filter matching `topic` at least twice (again after reconnecting,
 * or on the same connection), yet the retained message on `topic` reached it exactly once: the
 * first subscription got it, the repeated one did not (Retain Handling 1, 5.0 [MQTT-3.3.1-10]).
 */
export function retainedSentOnlyForNewSubscription(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', statement: 'MQTT-3.3.1-10', section: '3.8.3.1', title: 'Retain Handling 1: retained messages only for a new subscription' };
  const who = describeClient(options.client);
  const expected = `${who} subscribes again to a filter matching ${quoted(topic)} and receives its retained message once in all, on the first subscription`;
  return {
    id: `retained-only-for-new-subscription:${topic}`,
    title: sentence(`${who} subscribed again but got the retained message on ${quoted(topic)} only once`),
    spec,
    run(record) {
      const subscribes = packets(record, 'subscribe', 'in', options.client).filter((entry) => wireSubscriptions(entry).some((s) => topicMatches(s.topic, topic)));
      const retained = packets(record, 'publish', 'out', options.client).filter((entry) => topicOf(entry) === topic && entry.packet['retain'] === true);
      const seen = `${subscribes.length} SUBSCRIBE${subscribes.length === 1 ? '' : 's'} matching ${quoted(topic)}, the retained message delivered ${retained.length} time${retained.length === 1 ? '' : 's'}`;
      return { pass: subscribes.length >= 2 && retained.length === 1, expected, seen: subscribes.length < 2 ? `${seen} — subscribe again (as after a restart) to show what happens` : seen, spec };
    },
  };
}

// ---- flow control --------------------------------------------------------------------------

/** The most QoS 1 and 2 PUBLISHes that were unacknowledged at once on one link, in `direction`. */
export function peakInFlight(record: RunRecord, direction: 'in' | 'out', client: ClientMatcher): { peak: number; sent: number } {
  const ackDirection = direction === 'out' ? 'in' : 'out';
  const open = new Map<number, Set<number>>(); // linkId → unacknowledged packet ids
  let peak = 0;
  let sent = 0;
  for (const entry of record.entries) {
    if (entry.kind !== 'packet' || !clientMatches(client, clientOf(record, entry), record)) continue;
    const id = messageIdOf(entry);
    if (id === undefined) continue;
    const ids = open.get(entry.linkId) ?? new Set<number>();
    open.set(entry.linkId, ids);
    const cmd = entry.packet.cmd;
    if (entry.direction === direction && cmd === 'publish' && qosOf(entry) > 0) {
      if (!ids.has(id)) sent++;
      ids.add(id);
      peak = Math.max(peak, ids.size);
    }
    // §4.9: PUBACK, PUBCOMP, or a PUBREC with a failure code frees a slot.
    const failedPubrec = cmd === 'pubrec' && Number(entry.packet['reasonCode'] ?? 0) >= 0x80;
    if (entry.direction === ackDirection && (cmd === 'puback' || cmd === 'pubcomp' || failedPubrec)) ids.delete(id);
  }
  return { peak, sent };
}

/**
 * The client announced a Receive Maximum of at most `max` in CONNECT, and the broker never had
 * more than that many QoS 1/2 PUBLISHes unacknowledged to it on any connection, over at least
 * `atLeast` deliveries (5.0 §3.1.2.11.3, [MQTT-3.3.4-9]).
 */
export function inFlightToClientAtMost(max: number, options: { atLeast: number; client?: ClientMatcher }): Check {
  const spec: SpecRef = { version: '5.0', statement: 'MQTT-3.3.4-9', section: '4.9', title: 'Flow Control: the Server respects the Client’s Receive Maximum' };
  const who = describeClient(options.client);
  const expected = `${who} announces Receive Maximum ≤ ${max} in CONNECT, and no more than ${max} QoS 1/2 messages are ever unacknowledged towards it (over at least ${options.atLeast} deliveries)`;
  return {
    id: `in-flight-to-client-at-most:${max}`,
    title: sentence(`${who} never had more than ${max} unacknowledged QoS 1/2 messages in flight towards it`),
    spec,
    run(record) {
      const announced = packets(record, 'connect', 'in', options.client).map((entry) => propertiesOf(entry)['receiveMaximum']);
      const { peak, sent } = peakInFlight(record, 'out', options.client);
      const announcedPhrase = announced.length === 0
        ? 'no CONNECT'
        : `CONNECT with ${listPhrase([...new Set(announced.map((v) => (typeof v === 'number' ? `Receive Maximum ${v}` : 'no Receive Maximum (65,535)')))], '')}`;
      const announcedOk = announced.length > 0 && announced.every((v) => typeof v === 'number' && v <= max);
      return {
        pass: announcedOk && peak <= max && sent >= options.atLeast,
        expected,
        seen: `${announcedPhrase}; ${sent} QoS 1/2 deliveries, at most ${peak} unacknowledged at once`,
        spec,
      };
    },
  };
}

/**
 * The client acknowledged, once each, QoS 1 deliveries of `count` different messages on `topic`
 * (matched by payload): nothing it was sent was left unacknowledged when the run ended.
 */
export function everyDeliveryAcknowledged(topic: string, count: number, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', section: '4.3.2', title: 'QoS 1: the receiver sends PUBACK' };
  const who = describeClient(options.client);
  return {
    id: `every-delivery-acknowledged:${topic}`,
    title: sentence(`${who} received and acknowledged all ${count} messages on ${quoted(topic)}`),
    spec,
    run(record) {
      const deliveries = packets(record, 'publish', 'out', options.client).filter((entry) => topicMatches(topic, topicOf(entry)) && qosOf(entry) > 0);
      const acks = packets(record, 'puback', 'in', options.client);
      const acknowledged = new Set(deliveries
        .filter((d) => acks.some((a) => a.linkId === d.linkId && a.seq > d.seq && messageIdOf(a) === messageIdOf(d)))
        .map((d) => payloadText(d.packet['payload']) ?? ''));
      const delivered = new Set(deliveries.map((d) => payloadText(d.packet['payload']) ?? ''));
      return {
        pass: acknowledged.size === count,
        expected: `${who} receives ${count} different messages on ${quoted(topic)} and sends PUBACK for each`,
        seen: `${delivered.size} different messages delivered, ${acknowledged.size} acknowledged`,
        spec,
      };
    },
  };
}
