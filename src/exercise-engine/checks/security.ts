/**
 * Checks about authentication and authorisation: refused connections, refused subscriptions and
 * refused publishes, read from the packets and the broker's `*-denied` / `connection-refused`
 * events. A refusal only counts when it held: a forbidden message must also have reached nobody.
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, clientOf, describeClient, events, field, isNumber, limited, listPhrase, messageIdOf, nextOnLink, packets,
  payloadText, sentence, topicOf,
} from './record-query.ts';

const hex = (code: number): string => `0x${code.toString(16).padStart(2, '0')}`;

/** 3.1.1 CONNACK carries `returnCode`, 5.0 `reasonCode`; both are 0 when the connection is accepted. */
function connackCode(entry: PacketEntry): number {
  return field(entry, 'reasonCode', isNumber) ?? field(entry, 'returnCode', isNumber) ?? 0;
}

function connackPhrase(connack: PacketEntry | undefined): string {
  if (!connack) return 'no CONNACK';
  const code = connackCode(connack);
  if (code === 0) return 'accepted';
  return field(connack, 'reasonCode', isNumber) === undefined ? `refused with return code ${code}` : `refused with reason code ${hex(code)}`;
}

/** The CONNACK answering each CONNECT of the client. */
function connectAttempts(record: RunRecord, client: ClientMatcher): { connect: PacketEntry; connack: PacketEntry | undefined }[] {
  return packets(record, 'connect', 'in', client).map((connect) => ({
    connect,
    connack: nextOnLink(record, connect, (entry) => entry.packet.cmd === 'connack'),
  }));
}

/**
 * The broker refused a CONNECT of the client with one of `codes`: 3.1.1 return codes 4 (bad user
 * name or password) and 5 (not authorised), 5.0 reason codes 0x86 and 0x87.
 */
export function connectionRefused(options: { client?: ClientMatcher; codes: readonly number[] }): Check {
  const spec = { version: '3.1.1', section: '3.2.2.3', title: 'Connect Return code (5.0 §3.2.2.2 Connect Reason Code)' } as const;
  const codes = listPhrase(options.codes.map((code) => (code > 5 ? hex(code) : String(code))), '');
  const who = describeClient(options.client);
  return {
    id: `connection-refused:${options.codes.join(',')}`,
    title: sentence(`${who} was refused by CONNACK ${codes}`),
    spec,
    run(record) {
      const attempts = connectAttempts(record, options.client);
      const refused = attempts.find(({ connack }) => connack !== undefined && options.codes.includes(connackCode(connack)));
      return {
        pass: refused !== undefined,
        expected: `a CONNECT from ${who} answered by CONNACK ${codes}`,
        seen: listPhrase(limited(attempts.map(({ connack }) => `CONNECT ${connackPhrase(connack)}`)), 'no CONNECT packet'),
        spec,
      };
    },
  };
}

/** The client connected at most `max` times in all: no reconnect storm after a refusal. */
export function connectAttemptsAtMost(max: number, options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', section: '3.2.2.2', title: 'Connect Reason Code: the server closes a refused connection; the same credentials will be refused again' } as const;
  const who = describeClient(options.client);
  return {
    id: `connect-attempts-at-most:${max}`,
    title: sentence(`${who} sent at most ${max} CONNECT packets`),
    spec,
    run(record) {
      const attempts = connectAttempts(record, options.client);
      return {
        pass: attempts.length > 0 && attempts.length <= max,
        expected: `between 1 and ${max} CONNECT packets from ${who}`,
        seen: `${attempts.length} CONNECT packet${attempts.length === 1 ? '' : 's'}: ${listPhrase(limited(attempts.map(({ connack }) => connackPhrase(connack))), 'none')}`,
        spec,
      };
    },
  };
}

/** The SUBACK return/reason code for each time the client asked for `filter`. */
function subscribeOutcomes(record: RunRecord, filter: string, client: ClientMatcher): { clientId: string; code: number | undefined }[] {
  return packets(record, 'subscribe', 'in', client).flatMap((subscribe) => {
    const list = subscribe.packet['subscriptions'];
    if (!Array.isArray(list)) return [];
    const suback = nextOnLink(record, subscribe, (entry) => entry.packet.cmd === 'suback' && messageIdOf(entry) === messageIdOf(subscribe));
    const granted = suback?.packet['granted'];
    return list.flatMap((item: unknown, index) => {
      if ((item as { topic?: unknown } | null)?.topic !== filter) return [];
      const code = Array.isArray(granted) ? granted[index] : undefined;
      return [{ clientId: clientOf(record, subscribe), code: typeof code === 'number' ? code : undefined }];
    });
  });
}

/**
 * Every SUBSCRIBE of the client to `filter` was refused: SUBACK 0x80 (3.1.1 §3.9.3) or a 5.0
 * reason code of 0x80 or more, such as 0x87 Not authorized (5.0 §3.9.3).
 */
export function subscriptionRefused(filter: string, options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', section: '3.9.3', title: 'SUBACK Payload (3.1.1 §3.9.3: return code 0x80 = Failure)' } as const;
  const who = describeClient(options.client);
  return {
    id: `subscription-refused:${filter}:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`${who} was refused a subscription to \`${filter}\``),
    spec,
    run(record) {
      const outcomes = subscribeOutcomes(record, filter, options.client);
      const granted = outcomes.filter(({ code }) => code === undefined || code < 0x80);
      return {
        pass: outcomes.length > 0 && granted.length === 0,
        expected: `the broker answers ${who}'s SUBSCRIBE to \`${filter}\` with a failure code (0x80 / 0x87)`,
        seen: listPhrase(
          limited(outcomes.map(({ code }) => (code === undefined ? 'no SUBACK' : code >= 0x80 ? `SUBACK ${hex(code)}` : `SUBACK granted QoS ${code} — the rule lets it through`))),
          `no SUBSCRIBE to \`${filter}\``,
        ),
        spec,
      };
    },
  };
}

/**
 * Every PUBLISH of the client to `topic` was refused by the broker (a `publish-denied` event: 5.0
 * answers PUBACK/PUBREC 0x87, 3.1.1 drops it silently, [MQTT-3.3.5-2]) and no subscriber received it.
 */
export function publishRefused(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.3.5-2', section: '3.3.5', title: 'an unauthorised PUBLISH is acknowledged as usual or the connection closed (5.0 §3.4.2.1: 0x87)' } as const;
  const who = describeClient(options.client);
  return {
    id: `publish-refused:${topic}:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`${who}'s PUBLISH to \`${topic}\` was refused and reached nobody`),
    spec,
    run(record) {
      const attempts = packets(record, 'publish', 'in', options.client).filter((entry) => topicOf(entry) === topic);
      const denied = events(record, 'publish-denied', options.client).filter((event) => event.topic === topic);
      const payloads = new Set(attempts.map((entry) => payloadText(entry.packet['payload'])));
      const leaked = packets(record, 'publish', 'out', /.*/).filter(
        (entry) => topicOf(entry) === topic && payloads.has(payloadText(entry.packet['payload'])),
      );
      const seen: string[] = [];
      if (attempts.length === 0) seen.push(`no PUBLISH to \`${topic}\``);
      else seen.push(`${attempts.length} PUBLISH to \`${topic}\`, ${denied.length} refused by the broker`);
      if (leaked.length > 0) seen.push(`delivered to ${listPhrase(limited([...new Set(leaked.map((entry) => `\`${entry.clientId}\``))]), '')}`);
      return {
        pass: attempts.length > 0 && denied.length >= attempts.length && leaked.length === 0,
        expected: `the broker refuses ${who}'s PUBLISH to \`${topic}\` and delivers it to no subscriber`,
        seen: seen.join('; '),
        spec,
      };
    },
  };
}

/** The broker denied the client nothing: every subscription and publish it tried was within its rights. */
export function stayedWithinRights(options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', section: '5.4.2', title: 'Authorization of clients by the server' } as const;
  const who = describeClient(options.client);
  return {
    id: `stayed-within-rights:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`${who} asked only for what its rights allow`),
    spec,
    run(record) {
      const refusals = [
        ...events(record, 'subscription-denied', options.client).map((event) => `SUBSCRIBE to \`${event.topic ?? '?'}\` refused`),
        ...events(record, 'publish-denied', options.client).map((event) => `PUBLISH to \`${event.topic ?? '?'}\` refused`),
      ];
      const active = packets(record, 'connect', 'in', options.client).length > 0;
      return {
        pass: active && refusals.length === 0,
        expected: `no subscription or publish of ${who} refused by the broker's access rules`,
        seen: active ? listPhrase(limited(refusals), 'nothing refused') : 'no CONNECT packet',
        spec,
      };
    },
  };
}
