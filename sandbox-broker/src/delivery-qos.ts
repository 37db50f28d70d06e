/**
 * The QoS of a delivery: min(published QoS, highest QoS granted by the client's matching
 * subscriptions) — 3.1.1 [MQTT-3.8.4-6] and [MQTT-3.3.5-1], 5.0 [MQTT-3.8.4-8] and [MQTT-3.3.4-2].
 *
 * aedes 2.0.0-beta.1 gets it wrong in two ways: it lowers the QoS only when a subscription's
 * filter is the published topic itself (so `lab/#` granted QoS 1 receives QoS 2), and with
 * overlapping subscriptions the one it happens to match first decides (a QoS 0 subscription
 * can win over a QoS 2 one). Both are fixed where aedes chooses how to deliver, before it
 * assigns a packet id or stores the message, so every acknowledgement flow it then runs is the
 * one the client sees. Messages queued for an offline session skip that choice on reconnect;
 * they are lowered in aedes' authorizeForward hook instead. The same check drops retained
 * `$` messages that aedes would send to a new wildcard-first subscription.
 *
 * aedes also lowers every QoS>0 delivery to the grant of a subscription whose filter is the
 * topic itself, after the choice above: an exact filter granted QoS 0 beside `lab/#` granted
 * QoS 2 would cap the delivery at 0. Such a delivery is handed to aedes under a hidden topic
 * (`$sandbox/raised/<topic>`, which no filter can equal) and the link restores the real topic.
 */
import { topicMatches } from './topic-match.ts';

/** A client's subscriptions as aedes keeps them: topic filter → subscription with its granted QoS. */
export type Subscriptions = Record<string, { qos: number }>;

interface DeliveryPacket {
  topic: string;
  qos: number;
  messageId?: number;
}

type Deliver = (packet: DeliveryPacket, done: () => void) => void;

/** The members of an aedes client this module replaces (aedes assigns them per instance). */
export interface DeliveringClient {
  subscriptions: Subscriptions;
  deliver0: Deliver;
  deliverQoS: Deliver;
}

const RAISED_PREFIX = '$sandbox/raised/';

/** The real topic of a delivery hidden from aedes' exact-filter downgrade; undefined for any other topic. */
export function raisedTopicToReal(topic: string): string | undefined {
  return topic.startsWith(RAISED_PREFIX) ? topic.slice(RAISED_PREFIX.length) : undefined;
}

/** The highest QoS granted by the subscriptions matching `topic`; undefined when none does. */
export function highestGrant(subscriptions: Subscriptions, topic: string): number | undefined {
  let highest: number | undefined;
  for (const [filter, subscription] of Object.entries(subscriptions)) {
    if (topicMatches(filter, topic) && (highest === undefined || subscription.qos > highest)) highest = subscription.qos;
  }
  return highest;
}

/**
 * Replaces the client's two delivery paths. Must run before the client subscribes: aedes binds
 * each subscription to `deliver0` or `deliverQoS` when it is made (restored ones included).
 */
export function deliverAtGrantedQoS(client: DeliveringClient): void {
  const deliver0 = client.deliver0;
  const deliverQoS = client.deliverQoS;
  client.deliverQoS = (packet, done) => {
    const granted = highestGrant(client.subscriptions, packet.topic);
    if (granted === undefined) {
      // No subscription matches. aedes sends retained messages on subscribe through here after
      // matching them with its own matcher, which lets `#` and `+/...` match `$` topics
      // ([MQTT-4.7.2-1]); a message still in flight when its subscription went also lands here.
      done();
      return;
    }
    const qos = Math.min(packet.qos, granted);
    // A copy: the same packet object may be aedes' stored copy of a queued message.
    const lowered = qos < packet.qos ? { ...packet, qos } : packet;
    if (qos === 0) {
      deliver0(lowered, done);
      return;
    }
    const exact = client.subscriptions[packet.topic];
    // aedes would lower to the exact filter's grant; under the hidden topic it finds no such filter.
    deliverQoS(exact && exact.qos < qos ? { ...lowered, topic: RAISED_PREFIX + packet.topic } : lowered, done);
  };
  client.deliver0 = (packet, done) => {
    // A QoS 0 subscription aedes matched first: another matching one may grant more.
    if (packet.qos > 0 && (highestGrant(client.subscriptions, packet.topic) ?? 0) > 0) client.deliverQoS(packet, done);
    else deliver0(packet, done);
  };
}

/**
 * For aedes' authorizeForward hook, which sees every forwarded PUBLISH, including the queued
 * ones aedes resends on reconnect without passing `deliverQoS`. Lowers `packet` in place (aedes
 * writes that very object). A packet that already has a packet id stays at QoS 1 or more:
 * aedes holds it until acknowledged, and a QoS 0 copy never would be.
 */
export function lowerForwardedQoS(subscriptions: Subscriptions, packet: DeliveryPacket): void {
  const granted = highestGrant(subscriptions, packet.topic);
  if (granted === undefined || granted >= packet.qos) return;
  packet.qos = packet.messageId === undefined ? granted : Math.max(granted, 1);
}
