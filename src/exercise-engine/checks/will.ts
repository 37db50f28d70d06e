/**
 * Checks about the Will Message: published by the broker when a connection ends without
 * DISCONNECT (3.1.1 [MQTT-3.1.2-8]), discarded when it ends with one (3.1.1 [MQTT-3.14.4-3]).
 */
import type { BrokerEventEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import { type ClientMatcher, describeClient, events, limited, listPhrase, packets } from './record-query.ts';
import { topicMatches } from './topic-match.ts';

function willsFor(record: RunRecord, topic: string, client: ClientMatcher): BrokerEventEntry[] {
  return events(record, 'will-published', client).filter((entry) => entry.topic !== undefined && topicMatches(topic, entry.topic));
}

/** True when the will's client lost a link that never carried DISCONNECT before the will went out. */
function followedAbruptEnd(record: RunRecord, will: BrokerEventEntry): boolean {
  const disconnectedLinks = new Set(packets(record, 'disconnect', 'in', will.clientId).map((entry) => entry.linkId));
  return events(record, 'client-disconnected', will.clientId).some(
    (entry) => entry.seq <= will.seq && entry.linkId !== undefined && !disconnectedLinks.has(entry.linkId),
  );
}

export function willPublished(options: { topic: string; client?: ClientMatcher }): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-3.1.2-8', section: '3.1.2.5', title: 'Will Flag' } as const;
  const who = describeClient(options.client);
  return {
    id: `will-published:${options.topic}`,
    title: `The broker published ${who}'s will on \`${options.topic}\``,
    spec,
    run(record) {
      const wills = willsFor(record, options.topic, options.client);
      const all = events(record, 'will-published');
      return {
        pass: wills.length > 0,
        expected: `${who}'s will message on \`${options.topic}\` is published when its connection ends without DISCONNECT`,
        seen: wills.length > 0
          ? `will published on \`${wills[0]?.topic ?? ''}\` for \`${wills[0]?.clientId ?? ''}\``
          : listPhrase(limited(all.map((entry) => `a will on \`${entry.topic ?? '?'}\` for \`${entry.clientId ?? '?'}\``)), 'no will published'),
        spec,
      };
    },
  };
}

/** The will went out because the link was lost (cut, or keep-alive expired), not after a clean DISCONNECT. */
export function willPublishedAfterLinkCut(options: { topic: string; client?: ClientMatcher }): Check {
  const base = willPublished(options);
  return {
    ...base,
    id: `will-after-link-cut:${options.topic}`,
    title: `After its link was lost, the broker published ${describeClient(options.client)}'s will on \`${options.topic}\``,
    run(record) {
      const verdict = base.run(record);
      if (!verdict.pass) return verdict;
      const abrupt = willsFor(record, options.topic, options.client).some((will) => followedAbruptEnd(record, will));
      return {
        ...verdict,
        pass: abrupt,
        seen: abrupt ? `${verdict.seen}, after the link dropped without DISCONNECT` : `${verdict.seen}, but not after a lost link`,
      };
    },
  };
}
