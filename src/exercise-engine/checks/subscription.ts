/** Checks about SUBSCRIBE and the broker's SUBACK. */
import type { PacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, limited, listPhrase, messageIdOf, nextOnLink, packets,
} from './record-query.ts';

interface Subscription {
  topic: string;
  qos: number;
}

function subscriptionsOf(entry: PacketEntry): Subscription[] {
  const list = entry.packet['subscriptions'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { topic, qos } = item as { topic?: unknown; qos?: unknown };
    return typeof topic === 'string' ? [{ topic, qos: typeof qos === 'number' ? qos : 0 }] : [];
  });
}

function grantedCodes(entry: PacketEntry | undefined): number[] {
  const granted = entry?.packet['granted'];
  return Array.isArray(granted) ? granted.map((code) => (typeof code === 'number' ? code : 0x80)) : [];
}

function grantPhrase(code: number | undefined): string {
  if (code === undefined) return 'no SUBACK';
  return code >= 0x80 ? `refused (0x${code.toString(16)})` : `granted QoS ${code}`;
}

export function subscribed(filter: string, options: { qos?: 0 | 1 | 2; client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', section: '3.9', title: 'SUBACK – Subscribe acknowledgement' } as const;
  const qosPhrase = options.qos === undefined ? '' : ` at QoS ${options.qos}`;
  return {
    id: `subscribed:${filter}`,
    title: `Subscribed to \`${filter}\`${qosPhrase}, and the broker granted it`,
    spec,
    run(record) {
      const seen: string[] = [];
      let pass = false;
      for (const subscribe of packets(record, 'subscribe', 'in', options.client)) {
        const suback = nextOnLink(
          record, subscribe, (entry) => entry.packet.cmd === 'suback' && messageIdOf(entry) === messageIdOf(subscribe),
        );
        const codes = grantedCodes(suback);
        subscriptionsOf(subscribe).forEach((subscription, index) => {
          const code = suback ? codes[index] : undefined;
          seen.push(`SUBSCRIBE to \`${subscription.topic}\` at QoS ${subscription.qos} (${grantPhrase(code)})`);
          if (subscription.topic !== filter || code === undefined || code >= 0x80) return;
          if (options.qos === undefined || (subscription.qos === options.qos && code === options.qos)) pass = true;
        });
      }
      return {
        pass,
        expected: `${describeClient(options.client)} subscribes to \`${filter}\`${qosPhrase} and SUBACK grants ${options.qos === undefined ? 'it' : `QoS ${options.qos}`}`,
        seen: listPhrase(limited(seen), 'no SUBSCRIBE packet'),
        spec,
      };
    },
  };
}
