/**
 * Checks for MQTT 5.0 shared subscriptions and topic aliases: a group of the learner's clients
 * sharing one subscription, each message of a stream handled by exactly one member, the bytes a
 * stream of PUBLISH packets cost on the wire, aliases kept within the receiver's Topic Alias
 * Maximum, and a subscriber that received a stream complete and in order — with aliases resolved
 * per connection and direction, as the receiver resolves them. Import them from this file.
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, clientOf, describeClient, events, limited, listPhrase, messageIdOf, nextOnLink,
  packets, payloadText, sentence,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;
const SHARE = /^\$share\/([^/+#]+)\/(.+)$/;

function aliasOf(entry: PacketEntry): number | undefined {
  const alias = (entry.packet['properties'] as { topicAlias?: unknown } | undefined)?.topicAlias;
  return typeof alias === 'number' ? alias : undefined;
}

/**
 * The topic each PUBLISH is really for: a PUBLISH with an empty topic and a Topic Alias stands for
 * the topic last sent with that alias on the same connection in the same direction (5.0 §3.3.2.3.4).
 */
export function resolvedTopics(record: RunRecord): Map<number, string> {
  const maps = new Map<string, Map<number, string>>();
  const resolved = new Map<number, string>();
  for (const entry of record.entries) {
    if (entry.kind !== 'packet' || entry.packet.cmd !== 'publish') continue;
    const key = `${entry.linkId}:${entry.direction}`;
    const aliases = maps.get(key) ?? new Map<number, string>();
    maps.set(key, aliases);
    const topic = typeof entry.packet['topic'] === 'string' ? entry.packet['topic'] : '';
    const alias = aliasOf(entry);
    if (alias !== undefined && topic !== '') aliases.set(alias, topic);
    resolved.set(entry.seq, topic === '' && alias !== undefined ? (aliases.get(alias) ?? '') : topic);
  }
  return resolved;
}

/** The packet's size on the wire, from its base64 bytes (no Buffer: checks also run in the page). */
const bytesOf = (entry: PacketEntry): number => (entry.raw.length * 3) / 4 - (entry.raw.endsWith('==') ? 2 : entry.raw.endsWith('=') ? 1 : 0);

/**
 * At least `members` of the learner's clients subscribed to the same shared subscription
 * `$share/{ShareName}/{filter}` (any ShareName) and the broker granted it (5.0 [MQTT-4.8.2-1],
 * [MQTT-4.8.2-2]).
 */
export function sharedSubscriptionJoined(filter: string, options: { members?: number; client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', statement: 'MQTT-4.8.2-1', section: '4.8.2', title: 'Shared Subscriptions' } as const;
  const members = options.members ?? 2;
  const expected = `${members} of ${describeClient(options.client)}s subscribe to the same \`$share/{ShareName}/${filter}\` and the broker grants it to each`;
  return {
    id: `shared-subscription-joined:${filter}`,
    title: `${members} clients joined one shared subscription \`$share/…/${filter}\``,
    spec,
    run(record) {
      const byShare = new Map<string, Set<string>>();
      const seen: string[] = [];
      for (const subscribe of packets(record, 'subscribe', 'in', options.client)) {
        const suback = nextOnLink(record, subscribe, (e) => e.packet.cmd === 'suback' && messageIdOf(e) === messageIdOf(subscribe));
        const granted = (suback?.packet['granted'] as number[] | undefined) ?? [];
        const list = (subscribe.packet['subscriptions'] as Array<{ topic?: unknown }> | undefined) ?? [];
        list.forEach((subscription, index) => {
          const topic = String(subscription.topic ?? '');
          const code = granted[index];
          const who = clientOf(record, subscribe);
          seen.push(`\`${who}\` subscribed to ${quoted(topic)}${code === undefined ? ' (no SUBACK)' : code >= 0x80 ? ` (refused 0x${code.toString(16)})` : ''}`);
          const match = SHARE.exec(topic);
          if (!match || match[2] !== filter || code === undefined || code >= 0x80) return;
          const share = topic;
          const set = byShare.get(share) ?? new Set<string>();
          set.add(who);
          byShare.set(share, set);
        });
      }
      const best = Math.max(0, ...[...byShare.values()].map((set) => set.size));
      return { pass: best >= members, expected, seen: listPhrase(limited(seen, 6), 'no SUBSCRIBE packet'), spec };
    },
  };
}

/**
 * Every message `from` published on `topic` (a filter) reached exactly one of the learner's
 * clients, and at least `members` different clients received some: the work was shared, not
 * copied (5.0 §4.8.2). Messages are told apart by payload.
 */
export function eachMessageToOneMember(expect: { topic: string; from: ClientMatcher; members?: number; client?: ClientMatcher }): Check {
  const spec = { version: '5.0', section: '4.8.2', title: 'Shared Subscriptions: each message goes to one member of the group' } as const;
  const members = expect.members ?? 2;
  const expected = `each message ${describeClient(expect.from)} publishes on ${quoted(expect.topic)} reaches exactly one of ${describeClient(expect.client)}s, and at least ${members} of them get some`;
  return {
    id: `each-message-to-one-member:${expect.topic}`,
    title: sentence(`each message on ${quoted(expect.topic)} reached exactly one of ${describeClient(expect.client)}s, and ${members} of them shared the work`),
    spec,
    run(record) {
      const topics = resolvedTopics(record);
      const topicOfEntry = (entry: PacketEntry): string => topics.get(entry.seq) ?? '';
      const published = packets(record, 'publish', 'in', expect.from).filter((e) => topicMatches(expect.topic, topicOfEntry(e)));
      const deliveries = packets(record, 'publish', 'out', expect.client).filter((e) => topicMatches(expect.topic, topicOfEntry(e)));
      const keyOf = (entry: PacketEntry): string => `${topicOfEntry(entry)}\u0000${payloadText(entry.packet['payload']) ?? ''}`;
      const receivers = new Map<string, Set<string>>();
      for (const delivery of deliveries) {
        const set = receivers.get(keyOf(delivery)) ?? new Set<string>();
        set.add(clientOf(record, delivery));
        receivers.set(keyOf(delivery), set);
      }
      const label = (entry: PacketEntry): string => JSON.stringify(payloadText(entry.packet['payload']) ?? topicOfEntry(entry));
      const missed = published.filter((e) => (receivers.get(keyOf(e))?.size ?? 0) === 0).map(label);
      const doubled = published.filter((e) => (receivers.get(keyOf(e))?.size ?? 0) > 1)
        .map((e) => `${label(e)} to ${listPhrase([...(receivers.get(keyOf(e)) ?? [])].map(quoted), '')}`);
      const perMember = new Map<string, number>();
      for (const delivery of deliveries) perMember.set(clientOf(record, delivery), (perMember.get(clientOf(record, delivery)) ?? 0) + 1);
      const counts = [...perMember].map(([who, n]) => `\`${who}\` got ${n}`);
      const problems: string[] = [];
      if (published.length === 0) problems.push(`no message published on ${quoted(expect.topic)}`);
      if (doubled.length > 0) problems.push(`received by more than one client: ${listPhrase(limited(doubled, 3), '')}`);
      if (missed.length > 0) problems.push(`received by none: ${listPhrase(limited(missed, 3), '')}`);
      if (perMember.size < members) problems.push(`only ${perMember.size} client${perMember.size === 1 ? '' : 's'} received any`);
      return {
        pass: problems.length === 0,
        expected,
        seen: `${published.length} message${published.length === 1 ? '' : 's'} published; ${listPhrase(counts, 'none delivered to your clients')}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
        spec,
      };
    },
  };
}

/**
 * The PUBLISH packets the client sent on `topic` (aliases resolved) add up to at most `maxBytes`
 * on the wire, counting every byte of each packet, and there were `count` of them.
 */
export function publishBytesWithin(expect: { topic: string; maxBytes: number; count: number; client?: ClientMatcher }): Check {
  const spec = { version: '5.0', section: '3.3.2.3.4', title: 'Topic Alias' } as const;
  const who = describeClient(expect.client);
  const expected = `${who} sends ${expect.count} PUBLISH packets on ${quoted(expect.topic)} in at most ${expect.maxBytes} bytes in all`;
  return {
    id: `publish-bytes-within:${expect.topic}:${expect.maxBytes}`,
    title: sentence(`${who} sent ${expect.count} PUBLISHes on ${quoted(expect.topic)} in at most ${expect.maxBytes} bytes`),
    spec,
    run(record) {
      const topics = resolvedTopics(record);
      const sent = packets(record, 'publish', 'in', expect.client).filter((e) => topicMatches(expect.topic, topics.get(e.seq) ?? ''));
      const sizes = sent.map(bytesOf);
      const total = sizes.reduce((sum, n) => sum + n, 0);
      const sizeList = sizes.length > 8 ? `${sizes.slice(0, 8).join(' + ')} + …` : sizes.join(' + ');
      return {
        pass: sent.length === expect.count && total <= expect.maxBytes,
        expected,
        seen: sent.length === 0 ? `no PUBLISH on ${quoted(expect.topic)}` : `${sent.length} PUBLISH packets, ${sizeList} = ${total} bytes`,
        spec,
      };
    },
  };
}

/**
 * Every Topic Alias the client sent was between 1 and the Topic Alias Maximum the broker gave it
 * in CONNACK, and the broker never disconnected it with 0x94 Topic Alias invalid
 * (5.0 [MQTT-3.3.2-8], [MQTT-3.3.2-9], [MQTT-3.2.2-18]).
 */
export function topicAliasesWithinMaximum(options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', statement: 'MQTT-3.3.2-9', section: '3.3.2.3.4', title: 'A client must not send a Topic Alias above the server’s Topic Alias Maximum' } as const;
  const who = describeClient(options.client);
  return {
    id: 'topic-aliases-within-maximum',
    title: sentence(`${who} used only topic aliases the broker offered`),
    spec,
    run(record) {
      const bad: string[] = [];
      let used = 0;
      for (const publish of packets(record, 'publish', 'in', options.client)) {
        const alias = aliasOf(publish);
        if (alias === undefined) continue;
        used++;
        const connack = record.entries.find((e): e is PacketEntry => e.kind === 'packet' && e.linkId === publish.linkId && e.packet.cmd === 'connack');
        const maximum = (connack?.packet['properties'] as { topicAliasMaximum?: number } | undefined)?.topicAliasMaximum ?? 0;
        if (alias < 1 || alias > maximum) bad.push(`alias ${alias} with a maximum of ${maximum}`);
      }
      const refused = events(record, 'protocol-error', options.client).filter((e) => e.reasonCode === 0x94);
      for (const event of refused) bad.push(`DISCONNECT 0x94 (${event.reason ?? 'Topic Alias invalid'})`);
      return {
        pass: bad.length === 0,
        expected: `${who} sends topic aliases only from 1 to the Topic Alias Maximum of the broker’s CONNACK`,
        seen: bad.length > 0 ? listPhrase(limited(bad), '') : used === 0 ? 'no topic alias used' : `${used} PUBLISH${used === 1 ? '' : 'es'} with a valid alias`,
        spec,
      };
    },
  };
}

/**
 * `client` received exactly `payloads` on `topic` (aliases resolved as its client library resolves
 * them): nothing lost, nothing extra — and, with `inOrder`, in that order (5.0 §4.6 orders the
 * messages of one publisher on one topic; messages from several publishers may interleave).
 */
export function receivedAll(client: ClientMatcher, topic: string, payloads: readonly string[], options: { inOrder?: boolean } = {}): Check {
  const spec = options.inOrder
    ? ({ version: '5.0', section: '4.6', title: 'Message ordering' } as const)
    : ({ version: '5.0', section: '3.3.4', title: 'PUBLISH Actions' } as const);
  const who = describeClient(client);
  const order = options.inOrder ? ', in order' : '';
  return {
    id: `received-all:${topic}`,
    title: sentence(`${who} received all ${payloads.length} messages on ${quoted(topic)}${order}, each once`),
    spec,
    run(record) {
      const topics = resolvedTopics(record);
      const got = packets(record, 'publish', 'out', client)
        .filter((e) => topicMatches(topic, topics.get(e.seq) ?? ''))
        .map((e) => payloadText(e.packet['payload']) ?? '');
      const sorted = (list: readonly string[]): string[] => [...list].sort();
      const compare = options.inOrder ? got : sorted(got);
      const want = options.inOrder ? payloads : sorted(payloads);
      const pass = compare.length === want.length && compare.every((p, i) => p === want[i]);
      return {
        pass,
        expected: `${who} receives ${listPhrase(limited(payloads.map((p) => JSON.stringify(p)), 5), 'nothing')} on ${quoted(topic)}${order}, each once`,
        seen: got.length === 0 ? `nothing on ${quoted(topic)}` : `${got.length} message${got.length === 1 ? '' : 's'}: ${listPhrase(limited(got.map((p) => JSON.stringify(p)), 5), '')}`,
        spec,
      };
    },
  };
}
