/**
 * Checks and rewrites the topic filters of an incoming SUBSCRIBE: validity, shared subscriptions
 * (to their private filter) and the broker's Maximum QoS (grants are capped, 5.0 §3.2.2.3.4).
 */
import type { ProtocolLevel } from './record-types.ts';
import { ReasonCode } from './reason-codes.ts';
import { parseShare, type SharedFilter } from './shared-subscriptions.ts';
import { isValidTopicFilter } from './topic-match.ts';

export interface Subscription {
  topic: string;
  qos: number;
  nl?: boolean;
  [option: string]: unknown;
}

export type SubscribeVerdict = { ok: true; subscriptions: Subscription[]; changed: boolean } | { ok: false; reasonCode: number; text: string };

export function checkSubscribe(subscriptions: Subscription[], level: ProtocolLevel, maximumQoS: number, privateFilter: (share: SharedFilter) => string): SubscribeVerdict {
  let changed = false;
  const rewritten: Subscription[] = [];
  for (const subscription of subscriptions) {
    if (/[\ufffd\u0000]/.test(subscription.topic)) {
      // Ill-formed UTF-8 (decoded as U+FFFD) or U+0000: a malformed packet ([MQTT-1.5.4-1], [MQTT-1.5.4-2]).
      return { ok: false, reasonCode: ReasonCode.malformedPacket, text: 'topic filter is not well-formed UTF-8' };
    }
    if (!isValidTopicFilter(subscription.topic)) {
      // [MQTT-4.7.1-1], [MQTT-4.7.1-2], [MQTT-4.7.3-1]: wildcards misplaced or an empty filter.
      return { ok: false, reasonCode: ReasonCode.topicFilterInvalid, text: `invalid topic filter ${JSON.stringify(subscription.topic)}` };
    }
    const share = parseShare(subscription.topic);
    if (share === 'invalid') {
      // [MQTT-4.8.2-1], [MQTT-4.8.2-2]
      return { ok: false, reasonCode: ReasonCode.protocolError, text: `invalid shared subscription ${JSON.stringify(subscription.topic)}` };
    }
    let next = subscription;
    if (share) {
      if (level === 5 && subscription.nl) {
        return { ok: false, reasonCode: ReasonCode.protocolError, text: 'No Local on a shared subscription' }; // [MQTT-3.8.3-4]
      }
      next = { ...next, topic: privateFilter(share) };
      changed = true;
    }
    if (next.qos > maximumQoS) {
      next = { ...next, qos: maximumQoS };
      changed = true;
    }
    rewritten.push(next);
  }
  return { ok: true, subscriptions: rewritten, changed };
}
