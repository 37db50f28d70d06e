/**
 * Checks on MQTT-SN traffic (MQTT-SN v1.2), read from the `sn-packet` entries the gateway records:
 * a topic registered and published by topic id, a subscription, a sleep with a Duration, buffered
 * messages collected on wake-up, and a final DISCONNECT. Import them from this file.
 */
import type { RunRecord, SnPacketEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import { type ClientMatcher, clientMatches, describeClient, sentence } from './record-query.ts';

const quoted = (text: string): string => `\`${text}\``;
const sn = (section: string, title: string): SpecRef => ({ version: 'SN-1.2', section, title });

/** The client's MQTT-SN datagrams in order (both directions). */
export function snEntries(record: RunRecord, client?: ClientMatcher): SnPacketEntry[] {
  return record.entries.filter((entry): entry is SnPacketEntry => entry.kind === 'sn-packet' && entry.clientId !== '' && clientMatches(client, entry.clientId, record));
}

const num = (entry: SnPacketEntry, key: string): number | undefined => (typeof entry.packet[key] === 'number' ? (entry.packet[key] as number) : undefined);
const is = (entry: SnPacketEntry, type: string, direction: 'in' | 'out'): boolean => entry.packet.type === type && entry.direction === direction;

/** The reply of `type` from the other side with the same MsgId, after `request`. */
function replyTo(entries: SnPacketEntry[], request: SnPacketEntry, type: string): SnPacketEntry | undefined {
  const msgId = num(request, 'msgId');
  return entries.find((e) => e.seq > request.seq && e.clientId === request.clientId && e.direction !== request.direction && e.packet.type === type && num(e, 'msgId') === msgId);
}

/** Topic id → topic name for each client, from REGISTER/REGACK, SUBSCRIBE/SUBACK and the gateway's REGISTER. */
export function snTopicNames(record: RunRecord): Map<string, Map<number, string>> {
  const all = snEntries(record, /.*/);
  const names = new Map<string, Map<number, string>>();
  const set = (clientId: string, id: number, name: string): void => {
    if (!names.has(clientId)) names.set(clientId, new Map());
    names.get(clientId)?.set(id, name);
  };
  for (const entry of all) {
    const name = entry.packet['topicName'];
    if (typeof name !== 'string') continue;
    if (is(entry, 'register', 'out')) set(entry.clientId, num(entry, 'topicId') ?? 0, name);
    const answer = is(entry, 'register', 'in') ? replyTo(all, entry, 'regack') : is(entry, 'subscribe', 'in') ? replyTo(all, entry, 'suback') : undefined;
    if (answer && num(answer, 'returnCode') === 0 && (num(answer, 'topicId') ?? 0) !== 0) set(entry.clientId, num(answer, 'topicId') ?? 0, name);
  }
  return names;
}

/** §6.5: the client sent REGISTER for `topic` and the gateway accepted it with a topic id. */
export function snRegistered(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec = sn('6.5', 'Topic Name Registration Procedure');
  const who = describeClient(options.client);
  return {
    id: `sn-registered:${topic}`,
    title: sentence(`${who} registered ${quoted(topic)} with REGISTER and got its topic id in REGACK`),
    spec,
    run(record) {
      const entries = snEntries(record, options.client);
      const registers = entries.filter((e) => is(e, 'register', 'in') && e.packet['topicName'] === topic);
      const accepted = registers.map((r) => replyTo(entries, r, 'regack')).find((a) => a && num(a, 'returnCode') === 0);
      const others = entries.filter((e) => is(e, 'register', 'in')).map((e) => quoted(String(e.packet['topicName'])));
      return {
        pass: accepted !== undefined,
        expected: `REGISTER with TopicName ${quoted(topic)}, answered by REGACK return code 0x00 (Accepted)`,
        seen: accepted ? `REGACK gave topic id ${num(accepted, 'topicId')}` : registers.length > 0 ? 'REGISTER sent, but no accepting REGACK' : others.length > 0 ? `REGISTER only for ${others.join(', ')}` : 'no REGISTER',
        spec,
      };
    },
  };
}

/**
 * §6.6: the client published to `topic` with the normal topic id the gateway gave it (TopicIdType
 * 0b00), at QoS `qos`, and the gateway acknowledged it (PUBACK Accepted; QoS 2: PUBCOMP).
 */
export function snPublishedWithTopicId(topic: string, options: { qos: 0 | 1 | 2; client?: ClientMatcher }): Check {
  const spec = sn('6.6', "Client's Publish Procedure");
  const who = describeClient(options.client);
  return {
    id: `sn-published-with-topic-id:${topic}:${options.qos}`,
    title: sentence(`${who} published to ${quoted(topic)} by its registered topic id at QoS ${options.qos}, and the gateway accepted it`),
    spec,
    run(record) {
      const names = snTopicNames(record);
      const entries = snEntries(record, options.client);
      const publishes = entries.filter((e) => is(e, 'publish', 'in'));
      const toTopic = publishes.filter((e) => num(e, 'topicIdType') === 0 && names.get(e.clientId)?.get(num(e, 'topicId') ?? -1) === topic);
      const good = toTopic.find((e) => {
        if (num(e, 'qos') !== options.qos) return false;
        if (options.qos === 0) return true;
        const ack = replyTo(entries, e, options.qos === 1 ? 'puback' : 'pubcomp');
        return ack !== undefined && (num(ack, 'returnCode') ?? 0) === 0;
      });
      const rejected = publishes.some((e) => {
        const ack = replyTo(entries, e, 'puback');
        return ack !== undefined && num(ack, 'returnCode') === 2;
      });
      let seen = 'no MQTT-SN PUBLISH';
      if (good) seen = `PUBLISH with topic id ${num(good, 'topicId')} at QoS ${options.qos}, accepted`;
      else if (toTopic.length > 0) seen = `PUBLISH to topic id ${num(toTopic[0]!, 'topicId')} at QoS ${num(toTopic[0]!, 'qos')}${options.qos > 0 ? ', not acknowledged as accepted' : ''}`;
      else if (rejected) seen = 'a PUBLISH was answered "Rejected: invalid topic ID" (0x02): publish with the id REGACK gave';
      else if (publishes.length > 0) seen = `${publishes.length} PUBLISH(es), none with the topic id registered for ${quoted(topic)}`;
      return { pass: good !== undefined, expected: `a PUBLISH with TopicIdType 0b00 and the topic id of ${quoted(topic)}, at QoS ${options.qos}, accepted by the gateway`, seen, spec };
    },
  };
}

/** §6.9: SUBSCRIBE by topic name, answered by an accepting SUBACK granting at least `qos`. */
export function snSubscribed(topic: string, options: { qos: 0 | 1 | 2; client?: ClientMatcher }): Check {
  const spec = sn('6.9', "Client's Topic Subscribe/Un-subscribe Procedure");
  const who = describeClient(options.client);
  return {
    id: `sn-subscribed:${topic}`,
    title: sentence(`${who} subscribed to ${quoted(topic)} at QoS ${options.qos} over MQTT-SN`),
    spec,
    run(record) {
      const entries = snEntries(record, options.client);
      const subscribes = entries.filter((e) => is(e, 'subscribe', 'in') && e.packet['topicName'] === topic);
      const granted = subscribes.map((s) => replyTo(entries, s, 'suback')).find((a) => a && num(a, 'returnCode') === 0 && (num(a, 'qos') ?? 0) >= options.qos);
      return {
        pass: granted !== undefined,
        expected: `SUBSCRIBE to ${quoted(topic)} at QoS ${options.qos}, answered by SUBACK return code 0x00`,
        seen: granted ? `SUBACK granted QoS ${num(granted, 'qos')}, topic id ${num(granted, 'topicId')}` : subscribes.length > 0 ? `SUBSCRIBE sent, granted ${subscribes.map((s) => num(replyTo(entries, s, 'suback') ?? s, 'qos')).join(', ')} or refused` : 'no SUBSCRIBE to that topic',
        spec,
      };
    },
  };
}

/** The client's DISCONNECTs that carried a Duration (going to sleep, §6.14). */
function sleeps(entries: SnPacketEntry[]): SnPacketEntry[] {
  return entries.filter((e) => is(e, 'disconnect', 'in') && num(e, 'duration') !== undefined);
}

/** §6.14: DISCONNECT with a Duration, acknowledged by the gateway's DISCONNECT: the client is asleep. */
export function snSlept(options: { client?: ClientMatcher } = {}): Check {
  const spec = sn('6.14', 'Support of sleeping clients');
  const who = describeClient(options.client);
  return {
    id: 'sn-slept',
    title: sentence(`${who} went to sleep with a DISCONNECT carrying a Duration`),
    spec,
    run(record) {
      const entries = snEntries(record, options.client);
      const asleep = sleeps(entries).find((d) => entries.some((e) => e.seq > d.seq && is(e, 'disconnect', 'out')));
      const plain = entries.filter((e) => is(e, 'disconnect', 'in') && num(e, 'duration') === undefined);
      return {
        pass: asleep !== undefined,
        expected: 'a DISCONNECT with a Duration field (the sleep time in seconds), answered by DISCONNECT',
        seen: asleep ? `DISCONNECT with Duration ${num(asleep, 'duration')} s, acknowledged` : plain.length > 0 ? 'only DISCONNECTs without a Duration: that ends the connection instead of sleeping' : 'no DISCONNECT',
        spec,
      };
    },
  };
}

/**
 * §6.14: a message on `topic` sent while the client slept was buffered by the gateway, and delivered
 * after the client woke with PINGREQ carrying its ClientId, before the gateway's PINGRESP.
 */
export function snReceivedOnWake(topic: string, options: { client?: ClientMatcher } = {}): Check {
  const spec = sn('6.14', 'Support of sleeping clients');
  const who = describeClient(options.client);
  return {
    id: `sn-received-on-wake:${topic}`,
    title: sentence(`${who} woke with PINGREQ and its ClientId and got the ${quoted(topic)} message buffered while it slept`),
    spec,
    run(record) {
      const names = snTopicNames(record);
      const entries = snEntries(record, options.client);
      const buffered = record.entries.some((e) => e.kind === 'event' && e.event === 'message-queued' && e.topic === topic && clientMatches(options.client, e.clientId, record));
      const wakes = entries.filter((e) => is(e, 'pingreq', 'in') && typeof e.packet['clientId'] === 'string' && sleeps(entries).some((d) => d.seq < e.seq));
      const delivered = wakes.some((wake) => {
        const pingresp = entries.find((e) => e.seq > wake.seq && is(e, 'pingresp', 'out'));
        return entries.some((e) => e.seq > wake.seq && (pingresp === undefined || e.seq < pingresp.seq) && is(e, 'publish', 'out') && topicOfPublish(e, names) === topic);
      });
      let seen: string;
      if (wakes.length === 0) seen = sleeps(entries).length === 0 ? 'the client never slept' : 'no PINGREQ with the ClientId after the sleep';
      else if (!buffered) seen = `woke up, but no message on ${quoted(topic)} was buffered while it slept (was it asleep when the message came?)`;
      else seen = delivered ? 'woke with PINGREQ(ClientId); the buffered PUBLISH came before PINGRESP' : 'woke, but the buffered message was not delivered before PINGRESP';
      return { pass: wakes.length > 0 && buffered && delivered, expected: `PINGREQ with the ClientId after sleeping, then the buffered PUBLISH on ${quoted(topic)}, then PINGRESP`, seen, spec };
    },
  };
}

function topicOfPublish(entry: SnPacketEntry, names: Map<string, Map<number, string>>): string | undefined {
  const type = num(entry, 'topicIdType');
  if (type === 2) return String(entry.packet['shortTopic']);
  if (type === 0) return names.get(entry.clientId)?.get(num(entry, 'topicId') ?? -1);
  return undefined;
}

/** §6.12: the client ended with a DISCONNECT without Duration, acknowledged by the gateway. */
export function snDisconnected(options: { client?: ClientMatcher } = {}): Check {
  const spec = sn('6.12', "Client's Disconnect Procedure");
  const who = describeClient(options.client);
  return {
    id: 'sn-disconnected',
    title: sentence(`${who} ended with a DISCONNECT without Duration`),
    spec,
    run(record) {
      const entries = snEntries(record, options.client);
      const last = entries.filter((e) => is(e, 'disconnect', 'in')).at(-1);
      const pass = last !== undefined && num(last, 'duration') === undefined && entries.some((e) => e.seq > last.seq && is(e, 'disconnect', 'out'));
      return {
        pass,
        expected: 'a last DISCONNECT without a Duration, answered by the gateway',
        seen: last === undefined ? 'no DISCONNECT' : num(last, 'duration') !== undefined ? 'the last DISCONNECT had a Duration: the client was left asleep' : pass ? 'DISCONNECT, acknowledged' : 'DISCONNECT not acknowledged',
        spec,
      };
    },
  };
}
