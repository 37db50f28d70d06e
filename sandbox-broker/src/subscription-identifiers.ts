/**
 * MQTT 5.0 Subscription Identifiers on delivery (§3.3.2.3.8, §3.3.4).
 *
 * When a message matches several of a client's subscriptions, the broker sends one copy and that
 * PUBLISH MUST carry the Subscription Identifiers of all the matching subscriptions that have one
 * (5.0 [MQTT-3.3.4-4]); a copy carries no identifier when none of them has one. aedes
 * 2.0.0-beta.1 echoes only the identifier of the subscription it happened to match first, and
 * none at all on messages queued for an offline session. Applied in aedes' authorizeForward
 * hook, which sees every forwarded copy (live and queued) after de-duplication.
 */
import { topicMatches } from './topic-match.ts';

/** A client's subscriptions as aedes keeps them: filter → subscription, `si` its identifier. */
export type IdentifiedSubscriptions = Record<string, { si?: number }>;

interface ForwardedPacket {
  topic: string;
  /** aedes sets it on live and queued messages; `null` on retained messages sent on subscribe. */
  brokerId?: string | null;
  properties?: Record<string, unknown>;
}

/** The identifiers of the client's subscriptions matching `topic`, in ascending order. */
export function matchingIdentifiers(subscriptions: IdentifiedSubscriptions, topic: string): number[] {
  const ids = new Set<number>();
  for (const [filter, subscription] of Object.entries(subscriptions)) {
    if (subscription.si !== undefined && topicMatches(filter, topic)) ids.add(subscription.si);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Sets the Subscription Identifier property of a forwarded PUBLISH to every matching
 * subscription's identifier: one number, an array (mqtt-packet writes one property each), or
 * none. A retained message sent because of a new subscription is left as aedes made it: it
 * results from that one subscription and carries that subscription's identifier. The properties
 * object is replaced, never changed in place: aedes shares it between the copies of a message.
 */
export function setSubscriptionIdentifiers(subscriptions: IdentifiedSubscriptions, packet: ForwardedPacket): void {
  if (!packet.brokerId) return;
  const ids = matchingIdentifiers(subscriptions, packet.topic);
  const { subscriptionIdentifier: _previous, ...rest } = packet.properties ?? {};
  if (ids.length === 0) {
    if (_previous !== undefined) packet.properties = rest;
    return;
  }
  packet.properties = { ...rest, subscriptionIdentifier: ids.length === 1 ? ids[0] : ids };
}
