/**
 * Checks for the fundamentals module: the exact set of copies a fan-out delivers to one
 * subscriber, a subscription refused with a given reason code, and a property a 5.0 CONNECT carried.
 * Import them from this file (they are not re-exported by index.ts).
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, clientOf, describeClient, field, isNumber, limited, listPhrase, messageIdOf, nextOnLink, packets, sentence, topicOf,
} from './record-query.ts';

const quoted = (topic: string): string => `\`${topic}\``;

/** How many times each topic occurs, as "`a` ×2"-style phrases, in first-seen order. */
function countPhrases(topics: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const topic of topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => (count === 1 ? quoted(topic) : `${quoted(topic)} ×${count}`));
}

/**
 * The broker delivered to `client` exactly one copy of a message on each of `topics` and nothing
 * else: what a subscriber's filters select from a fan-out (3.1.1 §3.3.5 / 5.0 §3.3.4).
 * A copy missing, a copy too many or a copy of a topic its filters should not match all fail.
 */
export function receivedExactly(client: string, topics: readonly string[]): Check {
  const spec = { version: '3.1.1', section: '3.3.5', title: 'PUBLISH – Actions: a copy to each matching subscription' } as const;
  const wanted = listPhrase(topics.map(quoted), 'nothing');
  return {
    id: `received-exactly:${client}`,
    title: `\`${client}\` received exactly one copy each of ${wanted}, and nothing else`,
    spec,
    run(record) {
      const got = packets(record, 'publish', 'out', client).map(topicOf);
      const remaining = [...got];
      const missing: string[] = [];
      for (const topic of topics) {
        const index = remaining.indexOf(topic);
        if (index === -1) missing.push(topic);
        else remaining.splice(index, 1);
      }
      const problems = [
        ...(missing.length ? [`missing ${listPhrase(missing.map(quoted), '')}`] : []),
        ...(remaining.length ? [`extra ${listPhrase(countPhrases(remaining), '')}`] : []),
      ];
      return {
        pass: problems.length === 0,
        expected: `the broker sends \`${client}\` one PUBLISH on each of ${wanted}, and no other`,
        seen: got.length === 0
          ? `no message delivered to \`${client}\``
          : `delivered to \`${client}\`: ${listPhrase(limited(countPhrases(got), 6), '')}${problems.length ? ` (${problems.join('; ')})` : ''}`,
        spec,
      };
    },
  };
}

const hex = (code: number): string => `0x${code.toString(16).padStart(2, '0')}`;

/**
 * A SUBSCRIBE asked for `filter` and the SUBACK refused it with `reasonCode`. In 3.1.1 the only
 * refusal is 0x80 (3.1.1 §3.9.3); 5.0 says why, e.g. 0x87 Not authorized (5.0 §3.9.3).
 */
export function subscriptionRefused(filter: string, options: { reasonCode: number; client?: ClientMatcher }): Check {
  const spec = { version: '5.0', section: '3.9.3', title: 'SUBACK Payload – Reason Codes' } as const;
  const who = describeClient(options.client);
  return {
    id: `subscription-refused:${filter}:${hex(options.reasonCode)}`,
    title: sentence(`${who} subscribed to \`${filter}\`, and the SUBACK refused it with reason code ${hex(options.reasonCode)}`),
    spec,
    run(record) {
      const seen: string[] = [];
      let pass = false;
      for (const subscribe of packets(record, 'subscribe', 'in', options.client)) {
        const suback = nextOnLink(record, subscribe, (entry) => entry.packet.cmd === 'suback' && messageIdOf(entry) === messageIdOf(subscribe));
        const codes = suback?.packet['granted'];
        const list = subscribe.packet['subscriptions'];
        if (!Array.isArray(list)) continue;
        list.forEach((item: unknown, index) => {
          const topic = (item as { topic?: unknown } | null)?.topic;
          if (topic !== filter) return;
          const code = Array.isArray(codes) && typeof codes[index] === 'number' ? (codes[index] as number) : undefined;
          seen.push(`SUBSCRIBE to \`${filter}\` answered with ${code === undefined ? 'no SUBACK' : `reason code ${hex(code)}`}`);
          if (code === options.reasonCode) pass = true;
        });
      }
      return {
        pass,
        expected: `${who} subscribes to \`${filter}\` and the SUBACK answers it with ${hex(options.reasonCode)}`,
        seen: listPhrase(limited(seen), `no SUBSCRIBE to \`${filter}\``),
        spec,
      };
    },
  };
}

/** The connection was accepted: 3.1.1 CONNACK return code 0 or 5.0 reason code 0 (Success). */
function accepted(record: RunRecord, connect: PacketEntry): boolean {
  const connack = nextOnLink(record, connect, (entry) => entry.packet.cmd === 'connack');
  return connack !== undefined && (field(connack, 'reasonCode', isNumber) ?? field(connack, 'returnCode', isNumber) ?? 0) === 0;
}

/** Numeric MQTT 5.0 CONNECT properties, as MQTT.js and mqtt-packet name them. */
type ConnectPropertyName = 'sessionExpiryInterval' | 'receiveMaximum' | 'maximumPacketSize' | 'topicAliasMaximum';

/** The client's 5.0 CONNECT carried property `name` with `value`, and the broker accepted that connection. */
export function connectProperty(name: ConnectPropertyName, value: number, options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', section: '3.1.2.11', title: 'CONNECT Properties' } as const;
  const who = describeClient(options.client);
  const propertyOf = (connect: PacketEntry): number | undefined => {
    const properties = connect.packet['properties'];
    if (typeof properties !== 'object' || properties === null) return undefined;
    const found = (properties as Record<string, unknown>)[name];
    return isNumber(found) ? found : undefined;
  };
  return {
    id: `connect-property:${name}`,
    title: sentence(`${who} sent a CONNECT with the property ${name} = ${value}, and the broker accepted it`),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', options.client);
      const match = connects.find((connect) => propertyOf(connect) === value && accepted(record, connect));
      const describe = (connect: PacketEntry): string => {
        const version = field(connect, 'protocolVersion', isNumber);
        const found = propertyOf(connect);
        return `CONNECT from \`${clientOf(record, connect)}\` at protocol level ${version ?? '?'} ${found === undefined ? `without ${name}` : `with ${name} = ${found}`}`;
      };
      return {
        pass: match !== undefined,
        expected: `${who} connects with MQTT 5.0 and the CONNECT property ${name} = ${value}`,
        seen: match ? `${describe(match)}, accepted` : listPhrase(limited(connects.map(describe)), 'no CONNECT packet at all'),
        spec,
      };
    },
  };
}
