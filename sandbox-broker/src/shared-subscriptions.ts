/**
 * Shared subscriptions `$share/{ShareName}/{filter}` (5.0 §4.8.2), which aedes refuses.
 * A member's subscription is rewritten to a private filter `$sandbox/share/{n}/{group}/{filter}`
 * (n = the member's number), so aedes keeps it in the member's session (queued while a
 * persistent member is offline). One listener per (group, filter) receives each matching
 * message and republishes ONE copy to the private topic of the next member, round-robin,
 * preferring connected members (5.0 §4.8.2: "each message is sent to only one member"; how the
 * member is chosen is left to the server).
 *
 * QoS 1 messages in flight to a member (sent, no PUBACK yet) are remembered: when the member's
 * session ends before it acknowledges them, they go to another member of the group, as 5.0 §4.8.2
 * says the server SHOULD. QoS 2 messages never move ([MQTT-4.8.2-5]), and neither does a message
 * the member refused with a failure PUBACK ([MQTT-4.8.2-6]): any PUBACK settles it.
 */
import { topicMatches } from './topic-match.ts';

export const SHARE_PREFIX = '$share/';
const PRIVATE_PREFIX = '$sandbox/share/';

export interface SharedFilter {
  group: string;
  filter: string;
}

export type ParsedShare = SharedFilter | 'invalid' | undefined;

/** Parses `$share/group/filter`; 'invalid' for a malformed share ([MQTT-4.8.2-1], [MQTT-4.8.2-2]). */
export function parseShare(topicFilter: string): ParsedShare {
  if (!topicFilter.startsWith(SHARE_PREFIX)) return undefined;
  const rest = topicFilter.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return 'invalid';
  const group = rest.slice(0, slash);
  const filter = rest.slice(slash + 1);
  if (/[+#]/.test(group) || filter.length === 0) return 'invalid';
  return { group, filter };
}

/** The real topic of a message delivered on a private share topic, or undefined for any other topic. */
export function sharedTopicToReal(topic: string): { topic: string; share: SharedFilter } | undefined {
  if (!topic.startsWith(PRIVATE_PREFIX)) return undefined;
  const parts = topic.slice(PRIVATE_PREFIX.length).split('/');
  if (parts.length < 3) return undefined;
  const [, group = '', ...levels] = parts;
  const real = levels.join('/');
  return { topic: real, share: { group, filter: real } };
}

interface Group {
  group: string;
  filter: string;
  members: string[];
  cursor: number;
  listener: (packet: DispatchPacket, done: () => void) => void;
}

export interface DispatchPacket {
  topic: string;
  payload: unknown;
  qos: number;
  properties?: Record<string, unknown>;
}

/** The part of aedes the dispatcher uses. */
export interface ShareBroker {
  subscribe(topic: string, fn: (packet: DispatchPacket, done: () => void) => void, done: () => void): void;
  unsubscribe(topic: string, fn: (packet: DispatchPacket, done: () => void) => void, done: () => void): void;
  publish(packet: Record<string, unknown>, done: () => void): void;
}

/** A message handed on because the member it was in flight to lost its session. */
export interface Redirected {
  from: string;
  to: string;
  topic: string;
  group: string;
}

export class SharedSubscriptions {
  private readonly numbers = new Map<string, number>();
  private readonly groups = new Map<string, Group>();
  /** clientId → packet id → the QoS 1 message in flight to that member, with its group. */
  private readonly inFlight = new Map<string, Map<number, { group: string; packet: DispatchPacket }>>();
  private broker: ShareBroker | undefined;

  constructor(private readonly isConnected: (clientId: string) => boolean) {}

  /** (Re)attaches to a broker instance, e.g. after a restart that kept sessions. */
  attach(broker: ShareBroker): void {
    this.broker = broker;
    for (const group of this.groups.values()) broker.subscribe(group.filter, group.listener, noop);
  }

  /** Forget every membership (restart without sessions). */
  reset(): void {
    this.groups.clear();
    this.inFlight.clear();
  }

  /** A QoS 1 message from group `group` went out to `clientId` as packet `messageId` (topic: the real one). */
  sent(clientId: string, messageId: number, group: string, packet: DispatchPacket): void {
    let mine = this.inFlight.get(clientId);
    if (!mine) {
      mine = new Map();
      this.inFlight.set(clientId, mine);
    }
    mine.set(messageId, { group, packet });
  }

  /** The member acknowledged (successfully or not): the message is settled. */
  acknowledged(clientId: string, messageId: number): void {
    this.inFlight.get(clientId)?.delete(messageId);
  }

  /**
   * The member's session ended (expired, closed with expiry 0, or discarded by a Clean Start):
   * it leaves every group, and its unacknowledged QoS 1 messages go to the next member of their group.
   */
  sessionEnded(clientId: string): Redirected[] {
    this.leaveAll(clientId);
    const pending = this.inFlight.get(clientId);
    this.inFlight.delete(clientId);
    const redirected: Redirected[] = [];
    for (const { group: name, packet } of pending?.values() ?? []) {
      const group = [...this.groups.values()].find((g) => g.group === name && topicMatches(g.filter, packet.topic));
      const to = group ? this.dispatch(group, packet, noop) : undefined;
      if (group && to) redirected.push({ from: clientId, to, topic: packet.topic, group: `$share/${group.group}/${group.filter}` });
    }
    return redirected;
  }

  privateFilter(clientId: string, share: SharedFilter): string {
    let n = this.numbers.get(clientId);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(clientId, n);
    }
    return `${PRIVATE_PREFIX}${n}/${share.group}/${share.filter}`;
  }

  /** True when `filter` is a private share filter belonging to `clientId` (so aedes' restore path may keep it). */
  ownsPrivateFilter(clientId: string, filter: string): boolean {
    const n = this.numbers.get(clientId);
    return n !== undefined && filter.startsWith(`${PRIVATE_PREFIX}${n}/`);
  }

  join(clientId: string, share: SharedFilter): void {
    const key = `${share.group}\u0000${share.filter}`;
    let group = this.groups.get(key);
    if (!group) {
      const created: Group = { ...share, members: [], cursor: 0, listener: (packet, done) => this.dispatch(created, packet, done) };
      group = created;
      this.groups.set(key, group);
      this.broker?.subscribe(share.filter, group.listener, noop);
    }
    if (!group.members.includes(clientId)) group.members.push(clientId);
  }

  leave(clientId: string, share: SharedFilter): void {
    const key = `${share.group}\u0000${share.filter}`;
    const group = this.groups.get(key);
    if (!group) return;
    group.members = group.members.filter((member) => member !== clientId);
    if (group.members.length === 0) {
      this.groups.delete(key);
      this.broker?.unsubscribe(group.filter, group.listener, noop);
    }
  }

  private leaveAll(clientId: string): void {
    for (const group of [...this.groups.values()]) {
      if (group.members.includes(clientId)) this.leave(clientId, group);
    }
  }

  /** Sends one copy to one member; returns that member, or undefined when the message is not for the group. */
  private dispatch(group: Group, packet: DispatchPacket, done: () => void): string | undefined {
    const topic = packet.topic;
    const wildcardFirst = group.filter.startsWith('+') || group.filter.startsWith('#');
    // Our own republished copies, and '$' topics for filters starting with a wildcard ([MQTT-4.7.2-1]), are not for the group.
    if (topic.startsWith('$sandbox/') || (wildcardFirst && topic.startsWith('$')) || group.members.length === 0) {
      done();
      return undefined;
    }
    const member = this.nextMember(group);
    const n = this.numbers.get(member);
    const copy: Record<string, unknown> = { cmd: 'publish', topic: `${PRIVATE_PREFIX}${n}/${group.group}/${topic}`, payload: packet.payload, qos: packet.qos, retain: false };
    if (packet.properties) copy['properties'] = packet.properties;
    this.broker?.publish(copy, noop);
    done();
    return member;
  }

  private nextMember(group: Group): string {
    const count = group.members.length;
    for (let i = 0; i < count; i++) {
      const candidate = group.members[(group.cursor + i) % count] as string;
      if (this.isConnected(candidate)) {
        group.cursor = (group.cursor + i + 1) % count;
        return candidate;
      }
    }
    // Nobody connected: queue for the next persistent member in turn.
    const member = group.members[group.cursor % count] as string;
    group.cursor = (group.cursor + 1) % count;
    return member;
  }
}

function noop(): void {}
