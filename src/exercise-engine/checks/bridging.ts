/**
 * Checks for bridging MQTT to an HTTP API (module 6, criterion A4), read from the 'http-request'
 * and 'http-response' events the in-page API records next to the packets: every message reached
 * the API, failures were retried, acknowledgements waited for the API, and commands from the API
 * reached MQTT once. Import them from this file (they are not re-exported by index.ts).
 */
import type { BrokerEventEntry, PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, limited, listPhrase, messageIdOf, nextOnLink, packets, payloadText, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

/** One request to the in-page API and its response, paired by id. */
export interface HttpExchange {
  id: number;
  method: string;
  path: string;
  requestBody: string;
  /** 0 when the request failed without a response. */
  status: number;
  responseBody: string;
  requestSeq: number;
  /** Where the response is in the record; Infinity when it never came. */
  responseSeq: number;
}

export function httpExchanges(record: RunRecord): HttpExchange[] {
  const events = record.entries.filter((entry): entry is BrokerEventEntry => entry.kind === 'event' && entry.event.startsWith('http-'));
  const responses = new Map(events.filter((event) => event.event === 'http-response').map((event) => [event.detail?.['id'], event]));
  return events.filter((event) => event.event === 'http-request').map((request) => {
    const response = responses.get(request.detail?.['id']);
    return {
      id: Number(request.detail?.['id']),
      method: String(request.detail?.['method'] ?? ''),
      path: String(request.detail?.['path'] ?? ''),
      requestBody: String(request.detail?.['body'] ?? ''),
      status: Number(response?.detail?.['status'] ?? 0),
      responseBody: String(response?.detail?.['body'] ?? ''),
      requestSeq: request.seq,
      responseSeq: response?.seq ?? Number.POSITIVE_INFINITY,
    };
  });
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The fields of `object` named in `fields`, as one comparable key; undefined when one is missing. */
function keyOf(value: unknown, fields: readonly string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (fields.some((field) => record[field] === undefined)) return undefined;
  return JSON.stringify(fields.map((field) => record[field]));
}

const ok = (exchange: HttpExchange): boolean => exchange.status >= 200 && exchange.status < 300;
const route = (method: string, path: string): string => `\`${method} ${path}\``;

export interface ForwardExpectation {
  /** Who published the messages (a scenario peer). */
  from: string;
  topic: string;
  method: string;
  path: string;
  /** JSON fields that identify a message in both the MQTT payload and the request body. */
  keyFields: readonly string[];
}

/** The 2xx exchange that delivered each message `from` published on `topic`, by the message's key. */
function forwarded(record: RunRecord, expect: ForwardExpectation): Array<{ key: string; publish: PacketEntry; stored: HttpExchange | undefined }> {
  const exchanges = httpExchanges(record).filter((exchange) => exchange.method === expect.method && exchange.path === expect.path);
  return packets(record, 'publish', 'in', expect.from)
    .filter((entry) => topicMatches(expect.topic, topicOf(entry)))
    .flatMap((publish) => {
      const key = keyOf(parseJson(payloadText(publish.packet['payload'])), expect.keyFields);
      if (key === undefined) return [];
      const stored = exchanges.find((exchange) => ok(exchange) && keyOf(parseJson(exchange.requestBody), expect.keyFields) === key);
      return [{ key, publish, stored }];
    });
}

/** Every message `from` published on `topic` reached the API: a request carrying it got a 2xx answer. */
export function everyMessageForwarded(expect: ForwardExpectation): Check {
  return {
    id: `every-message-forwarded:${expect.topic}`,
    title: `Every message on \`${expect.topic}\` reached ${route(expect.method, expect.path)} and got a 2xx answer`,
    run(record) {
      const results = forwarded(record, expect);
      const missing = results.filter((result) => !result.stored).map((result) => result.key);
      const calls = httpExchanges(record).filter((exchange) => exchange.path === expect.path);
      return {
        pass: results.length > 0 && missing.length === 0,
        expected: `each of the ${results.length} messages ${expect.from} published on \`${expect.topic}\` is sent as a ${route(expect.method, expect.path)} body (same ${expect.keyFields.join(' and ')}) and answered 2xx`,
        seen: results.length === 0
          ? `\`${expect.from}\` published nothing on \`${expect.topic}\``
          : missing.length === 0
            ? `all ${results.length} stored, in ${calls.length} requests`
            : `not stored: ${listPhrase(limited(missing), '')} (${calls.length} requests to ${expect.path}, statuses ${listPhrase(limited([...new Set(calls.map((call) => String(call.status)))]), 'none')})`,
      };
    },
  };
}

/** Each request to `path` answered 5xx (or not at all) was sent again with the same body until it got 2xx. */
export function retriedServerErrors(expect: { method: string; path: string }): Check {
  return {
    id: `retried-server-errors:${expect.path}`,
    title: `A ${route(expect.method, expect.path)} that failed with 5xx was retried until the API accepted it`,
    run(record) {
      const calls = httpExchanges(record).filter((exchange) => exchange.method === expect.method && exchange.path === expect.path);
      const failed = calls.filter((call) => call.status === 0 || call.status >= 500);
      const notRetried = failed.filter((call) => !calls.some((later) => later.requestSeq > call.requestSeq && later.requestBody === call.requestBody && ok(later)));
      return {
        pass: failed.length > 0 && notRetried.length === 0,
        expected: 'a request answered 503 (or not at all) is sent again, same body, until a 2xx answer',
        seen: failed.length === 0
          ? `no request to ${expect.path} failed (the API answers one 503 once it is called)`
          : notRetried.length === 0
            ? `${failed.length} failed, each retried until accepted`
            : `never accepted after failing: ${listPhrase(limited(notRetried.map((call) => `${call.requestBody} (${call.status})`)), '')}`,
      };
    },
  };
}

/**
 * The bridge acknowledged each message (PUBACK to the broker) only after the API had stored it:
 * a bridge that acknowledges first loses the message if it fails in between (5.0 §4.3.2: after
 * PUBACK the sender discards the message).
 */
export function acknowledgedAfterForwarding(expect: ForwardExpectation & { client?: ClientMatcher }): Check {
  const who = describeClient(expect.client);
  const spec = { version: '5.0', section: '4.3.2', title: 'QoS 1: At least once delivery' } as const;
  return {
    id: `acknowledged-after-forwarding:${expect.topic}`,
    title: sentence(`${who} sent each PUBACK only after the API had stored the message`),
    spec,
    run(record) {
      const stored = new Map(forwarded(record, expect).map((result) => [result.key, result.stored]));
      const deliveries = packets(record, 'publish', 'out', expect.client).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      const early: string[] = [];
      for (const delivery of deliveries) {
        const key = keyOf(parseJson(payloadText(delivery.packet['payload'])), expect.keyFields);
        const puback = nextOnLink(record, delivery, (entry) => entry.direction === 'in' && entry.packet.cmd === 'puback' && messageIdOf(entry) === messageIdOf(delivery));
        const exchange = key === undefined ? undefined : stored.get(key);
        if (puback && (!exchange || exchange.responseSeq > puback.seq)) early.push(key ?? '?');
      }
      return {
        pass: deliveries.length > 0 && early.length === 0,
        expected: `${who} acknowledges each delivery after the 2xx answer that stored it`,
        seen: deliveries.length === 0
          ? `nothing was delivered to ${who}`
          : early.length === 0
            ? `${deliveries.length} deliveries, each acknowledged after the API stored it`
            : `acknowledged before the API stored it: ${listPhrase(limited(early), '')}`,
        spec,
      };
    },
  };
}

export interface CommandExpectation {
  /** `GET` route whose 2xx JSON answer lists commands (objects with an `id`). */
  listPath: string;
  /** The MQTT topic of a command, with `{field}` replaced by the command's fields: `site/{device}/commands`. */
  topic: string;
  /** `POST` route that acknowledges a command, with `{id}`: `/api/commands/{id}/ack`. */
  ackPath: string;
  client?: ClientMatcher;
}

const fill = (template: string, command: Record<string, unknown>): string =>
  template.replace(/\{(\w+)\}/g, (_match, field: string) => String(command[field] ?? ''));

/**
 * Every command the API listed was published once to its MQTT topic at QoS 1, acknowledged by
 * the broker, and only then acknowledged to the API: nothing dropped, nothing doubled.
 */
export function commandsBridged(expect: CommandExpectation): Check {
  const who = describeClient(expect.client);
  return {
    id: `commands-bridged:${expect.listPath}`,
    title: sentence(`${who} published each command from \`GET ${expect.listPath}\` once at QoS 1 and acknowledged it to the API after the broker's PUBACK`),
    run(record) {
      const exchanges = httpExchanges(record);
      const listed = new Map<string, Record<string, unknown>>();
      for (const exchange of exchanges.filter((call) => call.method === 'GET' && call.path === expect.listPath && ok(call))) {
        const body = parseJson(exchange.responseBody);
        if (!Array.isArray(body)) continue;
        for (const command of body) if (typeof command === 'object' && command !== null && 'id' in command) listed.set(String(command.id), command as Record<string, unknown>);
      }
      const expected = `each listed command is published once (QoS 1) to ${expect.topic}, gets PUBACK, then \`POST ${expect.ackPath}\` answers 2xx`;
      if (listed.size === 0) return { pass: false, expected, seen: `no command was read from \`GET ${expect.listPath}\` (poll it until one appears)` };
      const problems: string[] = [];
      for (const [id, command] of listed) {
        const topic = fill(expect.topic, command);
        const published = packets(record, 'publish', 'in', expect.client).filter((entry) =>
          topicOf(entry) === topic && (parseJson(payloadText(entry.packet['payload'])) as { id?: unknown } | undefined)?.id === command['id']);
        const distinct = new Set(published.map((entry) => messageIdOf(entry)));
        if (published.length === 0) {
          problems.push(`${id} was never published to \`${topic}\``);
          continue;
        }
        if (distinct.size > 1) problems.push(`${id} was published ${distinct.size} times`);
        const acked = published.map((entry) => nextOnLink(record, entry, (next) => next.direction === 'out' && next.packet.cmd === 'puback' && messageIdOf(next) === messageIdOf(entry))).find(Boolean);
        if (!acked) {
          problems.push(`${id} got no PUBACK (publish it at QoS 1)`);
          continue;
        }
        const ackPath = fill(expect.ackPath, command);
        const apiAck = exchanges.find((call) => call.method === 'POST' && call.path === ackPath && ok(call));
        if (!apiAck) problems.push(`${id} was never acknowledged with \`POST ${ackPath}\``);
        else if (apiAck.requestSeq < acked.seq) problems.push(`${id} was acknowledged to the API before the broker's PUBACK`);
      }
      return {
        pass: problems.length === 0,
        expected,
        seen: problems.length === 0 ? `${listed.size} command${listed.size === 1 ? '' : 's'} bridged once each, acknowledged in order` : listPhrase(limited(problems), ''),
      };
    },
  };
}
