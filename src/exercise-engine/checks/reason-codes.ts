/**
 * Checks about acting on MQTT 5.0 reason codes: a PUBLISH the broker answered with a failure
 * code (0x80 and above, 5.0 §2.4) is a final answer, so the client must not send it again and
 * should report it. Import them from this file (they are not re-exported by index.ts).
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import {
  type ClientMatcher, clientOf, describeClient, field, isNumber, limited, listPhrase, messageIdOf, packets, sentence, topicOf,
} from './record-query.ts';

const quoted = (text: string): string => `\`${text}\``;
const hex = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;

export interface Refusal {
  /** The client's PUBLISH, as the broker received it. */
  publish: PacketEntry;
  /** The PUBACK or PUBREC that answered it with the failure code. */
  ack: PacketEntry;
}

/**
 * The client's QoS 1 and 2 PUBLISHes the broker answered with `reasonCode` (a PUBACK for QoS 1,
 * a PUBREC for QoS 2: 5.0 §3.4.2.1, §3.5.2.1), each paired with the latest PUBLISH of the same
 * link and Packet Identifier before the acknowledgement.
 */
export function refusals(record: RunRecord, reasonCode: number, client?: ClientMatcher): Refusal[] {
  const publishes = packets(record, 'publish', 'in', client);
  const acks = [...packets(record, 'puback', 'out', client), ...packets(record, 'pubrec', 'out', client)]
    .filter((ack) => field(ack, 'reasonCode', isNumber) === reasonCode)
    .sort((a, b) => a.seq - b.seq);
  return acks.flatMap((ack) => {
    const publish = publishes.findLast((entry) => entry.linkId === ack.linkId && entry.seq < ack.seq && messageIdOf(entry) === messageIdOf(ack));
    return publish ? [{ publish, ack }] : [];
  });
}

function noRefusalPhrase(reasonCode: number): string {
  return `no PUBACK carried ${hex(reasonCode)} (a 3.1.1 client is never told: the broker drops a refused message silently; connect with protocolVersion 5 and publish at QoS 1)`;
}

/**
 * After the broker answered a PUBLISH with `reasonCode` (default 0x87 Not authorized), the client
 * sent no PUBLISH to that topic again, on any connection. 5.0 [MQTT-4.4.0-2] forbids retransmitting
 * the refused packet; a new PUBLISH of the same message is allowed but meets the same rules, so
 * this check counts both. Fails too when nothing was refused at all, so a run that never met the
 * refusal cannot pass.
 */
export function refusedPublishesNotRetried(options: { reasonCode?: number; client?: ClientMatcher } = {}): Check {
  const reasonCode = options.reasonCode ?? 0x87;
  const spec: SpecRef = { version: '5.0', statement: 'MQTT-4.4.0-2', section: '4.4', title: `a PUBLISH answered with ${hex(reasonCode)} is acknowledged and not retransmitted` };
  const who = describeClient(options.client);
  return {
    id: `refused-not-retried:${hex(reasonCode)}`,
    title: sentence(`${who} did not resend a PUBLISH the broker refused with ${hex(reasonCode)}`),
    spec,
    run(record) {
      const refused = refusals(record, reasonCode, options.client);
      const expected = `each PUBLISH refused with ${hex(reasonCode)} is sent once and not again`;
      if (refused.length === 0) return { pass: false, expected, seen: noRefusalPhrase(reasonCode), spec };
      const publishes = packets(record, 'publish', 'in', options.client);
      const retried = new Map<string, number>();
      for (const { publish, ack } of refused) {
        const sender = clientOf(record, publish);
        const again = publishes.filter((entry) => entry.seq > ack.seq && topicOf(entry) === topicOf(publish) && clientOf(record, entry) === sender).length;
        if (again > 0) retried.set(topicOf(publish), Math.max(retried.get(topicOf(publish)) ?? 0, again));
      }
      const topics = [...new Set(refused.map(({ publish }) => quoted(topicOf(publish))))];
      return {
        pass: retried.size === 0,
        expected,
        seen: retried.size === 0
          ? `refused once each, not resent: ${listPhrase(limited(topics), '')}`
          : listPhrase(limited([...retried].map(([topic, count]) => `${quoted(topic)} sent ${count} more time${count === 1 ? '' : 's'} after its ${hex(reasonCode)}`)), ''),
        spec,
      };
    },
  };
}

/**
 * The learner's code returned (its default export resolved to) the list of topics whose PUBLISH
 * the broker refused with `reasonCode`, each once, in any order — compared with the refusals the
 * record shows on the wire.
 */
export function returnedRefusedTopics(options: { reasonCode?: number; client?: ClientMatcher } = {}): Check {
  const reasonCode = options.reasonCode ?? 0x87;
  const spec: SpecRef = { version: '5.0', section: '2.4', title: 'Reason Code: 0x80 and above is failure' };
  return {
    id: `returned-refused-topics:${hex(reasonCode)}`,
    title: `Your code returned the topics the broker refused with ${hex(reasonCode)}, each once`,
    spec,
    run(record) {
      const refusedTopics = [...new Set(refusals(record, reasonCode, options.client).map(({ publish }) => topicOf(publish)))].sort();
      const expected = `the code returns the topics refused with ${hex(reasonCode)} on the wire, each once: ${listPhrase(refusedTopics.map(quoted), '(none were refused)')}`;
      if (refusedTopics.length === 0) return { pass: false, expected, seen: noRefusalPhrase(reasonCode), spec };
      const outcome = record.outcome;
      const returned = outcome && 'returned' in outcome ? outcome.returned : undefined;
      if (!Array.isArray(returned) || !returned.every((item): item is string => typeof item === 'string')) {
        return { pass: false, expected, seen: returned === undefined ? 'nothing was returned' : `returned ${JSON.stringify(returned)}, not a list of topics`, spec };
      }
      const missing = refusedTopics.filter((topic) => !returned.includes(topic));
      const extra = [...new Set(returned.filter((topic) => !refusedTopics.includes(topic)))];
      const repeated = [...new Set(returned.filter((topic, i) => returned.indexOf(topic) !== i))];
      const problems = [
        ...(missing.length ? [`missing ${listPhrase(missing.map(quoted), '')}`] : []),
        ...(extra.length ? [`${listPhrase(extra.map(quoted), '')} ${extra.length === 1 ? 'was' : 'were'} not refused with ${hex(reasonCode)}`] : []),
        ...(repeated.length ? [`${listPhrase(repeated.map(quoted), '')} listed more than once`] : []),
      ];
      return {
        pass: problems.length === 0,
        expected,
        seen: problems.length === 0 ? `returned ${JSON.stringify(returned)}` : `returned ${JSON.stringify(returned)}: ${problems.join('; ')}`,
        spec,
      };
    },
  };
}
