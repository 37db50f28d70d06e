/**
 * Checks about MQTT 5.0 PUBLISH properties a publisher attaches for its receivers: Message Expiry
 * Interval, User Properties and Content Type (5.0 §3.3.2.3), and what the broker does with them.
 * Import them from this file (they are not re-exported by index.ts).
 */
import type { PacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import {
  type ClientMatcher, describeClient, describePublish, events, limited, listPhrase, packets, payloadText, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;

function propertiesOf(entry: PacketEntry): Record<string, unknown> {
  const properties = entry.packet['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

/** The values of one User Property on a packet: MQTT.js gives a repeated name as an array. */
export function userPropertyValues(entry: PacketEntry, name: string): string[] {
  const all = propertiesOf(entry)['userProperties'];
  if (typeof all !== 'object' || all === null) return [];
  const value = (all as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export interface PublishProperties {
  /** The Message Expiry Interval in seconds, exactly (5.0 §3.3.2.3.3). */
  messageExpiryInterval?: number;
  /** Names of User Properties each PUBLISH must carry, with any non-empty value (5.0 §3.3.2.3.7). */
  userProperties?: readonly string[];
  /** The Content Type, exactly (5.0 §3.3.2.3.9). */
  contentType?: string;
}

function wantPhrase(want: PublishProperties): string {
  return listPhrase([
    ...(want.messageExpiryInterval === undefined ? [] : [`Message Expiry Interval ${want.messageExpiryInterval} s`]),
    ...(want.userProperties ?? []).map((name) => `a User Property ${quoted(name)}`),
    ...(want.contentType === undefined ? [] : [`Content Type ${quoted(want.contentType)}`]),
  ], 'its properties');
}

function missingOn(entry: PacketEntry, want: PublishProperties): string[] {
  const properties = propertiesOf(entry);
  const missing: string[] = [];
  if (want.messageExpiryInterval !== undefined && properties['messageExpiryInterval'] !== want.messageExpiryInterval) {
    const got = properties['messageExpiryInterval'];
    missing.push(typeof got === 'number' ? `Message Expiry Interval ${got} s` : 'no Message Expiry Interval');
  }
  for (const name of want.userProperties ?? []) {
    if (!userPropertyValues(entry, name).some((value) => value !== '')) missing.push(`no ${quoted(name)}`);
  }
  if (want.contentType !== undefined && properties['contentType'] !== want.contentType) {
    const got = properties['contentType'];
    missing.push(typeof got === 'string' ? `Content Type ${quoted(got)}` : 'no Content Type');
  }
  return missing;
}

/** Every PUBLISH the client sent to `topic` carried the given properties, and there was at least one. */
export function everyPublishCarries(topic: string, want: PublishProperties, options: { client?: ClientMatcher } = {}): Check {
  const spec: SpecRef = { version: '5.0', section: '3.3.2.3', title: 'PUBLISH Properties' };
  const who = describeClient(options.client);
  const expected = `every PUBLISH of ${who} to ${quoted(topic)} carries ${wantPhrase(want)}`;
  return {
    id: `every-publish-carries:${topic}`,
    title: sentence(`${who} sent every PUBLISH to ${quoted(topic)} with ${wantPhrase(want)}`),
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', options.client).filter((entry) => topicMatches(topic, topicOf(entry)));
      if (sent.length === 0) return { pass: false, expected, seen: `no PUBLISH to ${quoted(topic)}`, spec };
      const problems = sent.flatMap((entry) => {
        const missing = missingOn(entry, want);
        return missing.length === 0 ? [] : [`${describePublish(entry)}: ${listPhrase(missing, '')}`];
      });
      return {
        pass: problems.length === 0,
        expected,
        seen: problems.length === 0 ? `${sent.length} PUBLISH${sent.length === 1 ? '' : 'es'}, each with ${wantPhrase(want)}` : listPhrase(limited(problems, 3), ''),
        spec,
      };
    },
  };
}

/**
 * The client published `payload` to `topic`, and the broker did not deliver it to `to`: its
 * Message Expiry Interval ran out before onward delivery began (5.0 [MQTT-3.3.2-5]). Fails when
 * the message was never published, so leaving it out cannot pass.
 */
export function staleMessageNotDelivered(expect: { topic: string; payload: string; to: ClientMatcher; publisher?: ClientMatcher }): Check {
  const spec: SpecRef = { version: '5.0', statement: 'MQTT-3.3.2-5', section: '3.3.2.3.3', title: 'an expired message is not delivered' };
  const to = describeClient(expect.to);
  const what = `${JSON.stringify(expect.payload)} on ${quoted(expect.topic)}`;
  const expected = `${what} expires while ${to} is offline, and the broker drops it instead of delivering it`;
  return {
    id: `stale-not-delivered:${expect.topic}:${expect.payload}`,
    title: sentence(`${to} did not receive the stale ${what}`),
    spec,
    run(record) {
      const published = packets(record, 'publish', 'in', expect.publisher)
        .some((entry) => topicOf(entry) === expect.topic && payloadText(entry.packet['payload']) === expect.payload);
      if (!published) return { pass: false, expected, seen: `${what} was never published`, spec };
      const delivered = packets(record, 'publish', 'out', expect.to)
        .find((entry) => topicOf(entry) === expect.topic && payloadText(entry.packet['payload']) === expect.payload);
      const expired = events(record, 'message-expired', expect.to).filter((event) => event.topic === expect.topic).length;
      return {
        pass: delivered === undefined,
        expected,
        seen: delivered
          ? `delivered to ${quoted(delivered.clientId)} with ${typeof propertiesOf(delivered)['messageExpiryInterval'] === 'number' ? `Message Expiry Interval ${String(propertiesOf(delivered)['messageExpiryInterval'])} s left` : 'no Message Expiry Interval'}`
          : `not delivered; the broker dropped ${expired} expired message${expired === 1 ? '' : 's'} for ${to}`,
        spec,
      };
    },
  };
}

/**
 * The learner's code returned (its default export resolved to) the values of User Property `name`
 * that `from` sent on `topic`, each once, in any order: what the record shows on the wire.
 */
export function returnedUserPropertyValues(expect: { topic: string; from: ClientMatcher; name: string }): Check {
  const spec: SpecRef = { version: '5.0', section: '3.3.2.3.7', title: 'User Property' };
  const from = describeClient(expect.from);
  return {
    id: `returned-user-property:${expect.topic}:${expect.name}`,
    title: `Your code returned the ${quoted(expect.name)} of each message ${from} sent on ${quoted(expect.topic)}`,
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', expect.from).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      const values = [...new Set(sent.flatMap((entry) => userPropertyValues(entry, expect.name)))].sort();
      const expected = `the code returns the ${quoted(expect.name)} values ${from} sent on ${quoted(expect.topic)}: ${listPhrase(values.map((v) => JSON.stringify(v)), '(none on the wire)')}`;
      if (values.length === 0) {
        return { pass: false, expected, seen: sent.length === 0 ? `${from} sent nothing on ${quoted(expect.topic)}` : `${from}'s messages carried no ${quoted(expect.name)}`, spec };
      }
      const outcome = record.outcome;
      const returned = outcome && 'returned' in outcome ? outcome.returned : undefined;
      const got = Array.isArray(returned) && returned.every((item): item is string => typeof item === 'string') ? [...returned].sort() : undefined;
      const pass = got !== undefined && got.length === values.length && got.every((value, i) => value === values[i]);
      return { pass, expected, seen: returned === undefined ? 'nothing was returned' : `returned ${JSON.stringify(returned)}`, spec };
    },
  };
}
