/** Checks about messages the broker delivered to subscribers. */
import type { PacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, describePublish, limited, listPhrase, packets, payloadText, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

export interface DeliveryExpectation {
  /** A topic, or a filter the delivered topic must match. */
  topic: string;
  to?: ClientMatcher;
  payload?: string;
  /** The QoS the message was delivered at (the minimum of the published QoS and the subscription's). */
  qos?: 0 | 1 | 2;
}

function deliveryPhrase(expect: DeliveryExpectation): string {
  const parts = [`a message on \`${expect.topic}\``];
  if (expect.payload !== undefined) parts.push(`with payload ${JSON.stringify(expect.payload)}`);
  if (expect.qos !== undefined) parts.push(`at QoS ${expect.qos}`);
  return parts.join(' ');
}

export function delivered(expect: DeliveryExpectation): Check {
  const spec = expect.qos === undefined
    ? ({ version: '3.1.1', section: '3.3.5', title: 'PUBLISH – Actions' } as const)
    : ({ version: '3.1.1', statement: 'MQTT-3.8.4-6', section: '3.8.4', title: 'SUBSCRIBE – Response (delivered QoS is the minimum of published and granted)' } as const);
  const phrase = deliveryPhrase(expect);
  const who = describeClient(expect.to);
  return {
    id: `delivered:${expect.topic}:${typeof expect.to === 'string' ? expect.to : 'any'}`,
    title: sentence(`${who} received ${phrase}`),
    spec,
    run(record) {
      const deliveries = packets(record, 'publish', 'out', expect.to);
      const matches = (entry: PacketEntry): boolean =>
        topicMatches(expect.topic, topicOf(entry)) &&
        (expect.payload === undefined || payloadText(entry.packet['payload']) === expect.payload) &&
        (expect.qos === undefined || qosOf(entry) === expect.qos);
      const match = deliveries.find(matches);
      return {
        pass: match !== undefined,
        expected: `the broker delivers ${phrase} to ${who}`,
        seen: match
          ? `${describePublish(match)} delivered to \`${match.clientId}\``
          : listPhrase(
            limited(deliveries.map((entry) => `${describePublish(entry)} delivered to \`${entry.clientId}\``)),
            'no message delivered to a subscriber',
          ),
        spec,
      };
    },
  };
}

export function receivedBy(clientId: ClientMatcher, topic: string, options: Omit<DeliveryExpectation, 'topic' | 'to'> = {}): Check {
  return delivered({ ...options, topic, to: clientId });
}
