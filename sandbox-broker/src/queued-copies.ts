/**
 * One copy of a queued message per session. aedes queues a message for an offline session once
 * per matching subscription, so a client with overlapping subscriptions gets several copies on
 * reconnect, where it gets one when online. 5.0 §3.3.4 lets a broker send one copy per
 * subscription only if each carries that subscription's own identifier ([MQTT-3.3.4-5]); aedes
 * cannot tell which copy belongs to which subscription, so the sandbox sends one copy, with all
 * the identifiers ([MQTT-3.3.4-4]), as it does online.
 */
interface QueuedPacket {
  brokerId?: string | null;
  brokerCounter?: number;
  messageId?: number;
}

const seenByClient = new WeakMap<object, Set<string>>();

/**
 * False for a second copy of the same message handed to the same connection of a client from its
 * queue (aedes then removes it from the queue). Live deliveries (no packet id yet) are de-duplicated
 * by aedes itself and always pass; a resend of an unacknowledged message is a single copy and passes.
 */
export function firstQueuedCopy(client: object, packet: QueuedPacket): boolean {
  if (packet.messageId === undefined || !packet.brokerId || packet.brokerCounter === undefined) return true;
  let seen = seenByClient.get(client);
  if (!seen) {
    seen = new Set();
    seenByClient.set(client, seen);
  }
  const key = `${packet.brokerId}:${packet.brokerCounter}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
