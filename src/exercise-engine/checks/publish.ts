/**
 * Checks about a client's own PUBLISH packets and the handshake that follows each, per QoS:
 * QoS 0 PUBLISH alone; QoS 1 PUBLISH → PUBACK; QoS 2 PUBLISH → PUBREC → PUBREL → PUBCOMP.
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check, SpecRef } from './check-types.ts';
import {
  type ClientMatcher, describeClient, describePublish, field, isNumber, limited, listPhrase, messageIdOf, nextOnLink,
  packets, payloadText, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

export interface PublishExpectation {
  /** A topic, or a filter with wildcards that the published topic must match. */
  topic: string;
  qos?: 0 | 1 | 2;
  /** The payload as text, exactly. */
  payload?: string;
  retain?: boolean;
  client?: ClientMatcher;
}

function matchesExpectation(entry: PacketEntry, expect: PublishExpectation): boolean {
  if (!topicMatches(expect.topic, topicOf(entry))) return false;
  if (expect.qos !== undefined && qosOf(entry) !== expect.qos) return false;
  if (expect.payload !== undefined && payloadText(entry.packet['payload']) !== expect.payload) return false;
  if (expect.retain !== undefined && (entry.packet['retain'] === true) !== expect.retain) return false;
  return true;
}

function publishPhrase(expect: PublishExpectation): string {
  const parts = [`PUBLISH to \`${expect.topic}\``];
  if (expect.qos !== undefined) parts.push(`at QoS ${expect.qos}`);
  if (expect.payload !== undefined) parts.push(`with payload ${JSON.stringify(expect.payload)}`);
  if (expect.retain !== undefined) parts.push(expect.retain ? 'with the retain flag' : 'without the retain flag');
  return parts.join(' ');
}

export function published(expect: PublishExpectation): Check {
  const spec = { version: '3.1.1', section: '3.3', title: 'PUBLISH – Publish message' } as const;
  const phrase = publishPhrase(expect);
  return {
    id: `published:${expect.topic}:${expect.qos ?? 'any'}`,
    title: sentence(`${describeClient(expect.client)} sent ${phrase}`),
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', expect.client);
      const match = sent.find((entry) => matchesExpectation(entry, expect));
      return {
        pass: match !== undefined,
        expected: `${describeClient(expect.client)} sends ${phrase}`,
        seen: match ? describePublish(match) : listPhrase(limited(sent.map(describePublish)), 'no PUBLISH from a client'),
        spec,
      };
    },
  };
}

const ackReasonOk = (entry: PacketEntry): boolean => (field(entry, 'reasonCode', isNumber) ?? 0) < 0x80;

/** Follows one PUBLISH's handshake; returns the missing step, or undefined when it completed. */
function missingStep(record: RunRecord, publish: PacketEntry): string | undefined {
  const qos = qosOf(publish);
  const id = messageIdOf(publish);
  const onLink = (cmd: string, direction: 'in' | 'out', after: PacketEntry) =>
    nextOnLink(record, after, (entry) => entry.packet.cmd === cmd && entry.direction === direction && messageIdOf(entry) === id);
  // Without a packet identifier nothing can acknowledge a QoS 0 PUBLISH: the identifier is the check.
  if (qos === 0) return id === undefined ? undefined : 'a QoS 0 PUBLISH carried a packet identifier';
  if (id === undefined) return 'the PUBLISH had no packet identifier';
  if (qos === 1) {
    const puback = onLink('puback', 'out', publish);
    if (!puback) return `no PUBACK for packet id ${id}`;
    return ackReasonOk(puback) ? undefined : `PUBACK refused it (reason 0x${(field(puback, 'reasonCode', isNumber) ?? 0).toString(16)})`;
  }
  const pubrec = onLink('pubrec', 'out', publish);
  if (!pubrec) return `no PUBREC for packet id ${id}`;
  if (!ackReasonOk(pubrec)) return 'PUBREC refused it';
  const pubrel = onLink('pubrel', 'in', pubrec);
  if (!pubrel) return `PUBREC arrived, but the client never sent PUBREL for packet id ${id}`;
  const pubcomp = onLink('pubcomp', 'out', pubrel);
  return pubcomp ? undefined : `PUBREL sent, but no PUBCOMP for packet id ${id}`;
}

const HANDSHAKE: Record<0 | 1 | 2, { words: string; spec: SpecRef }> = {
  0: { words: 'went out once, with no packet identifier and no acknowledgement', spec: { version: '3.1.1', section: '4.3.1', title: 'QoS 0: At most once delivery' } },
  1: { words: 'was acknowledged with PUBACK', spec: { version: '3.1.1', statement: 'MQTT-4.3.2-2', section: '4.3.2', title: 'QoS 1: At least once delivery' } },
  2: { words: 'completed PUBLISH → PUBREC → PUBREL → PUBCOMP', spec: { version: '3.1.1', statement: 'MQTT-4.3.3-2', section: '4.3.3', title: 'QoS 2: Exactly once delivery' } },
};

/** The PUBLISH was sent at exactly this QoS, and its QoS handshake with the broker completed. */
export function publishHandshake(expect: PublishExpectation & { qos: 0 | 1 | 2 }): Check {
  const { words, spec } = HANDSHAKE[expect.qos];
  const phrase = publishPhrase(expect);
  return {
    id: `publish-handshake:${expect.topic}:${expect.qos}`,
    title: `${phrase} ${words}`,
    spec,
    run(record) {
      const candidates = packets(record, 'publish', 'in', expect.client).filter((entry) => matchesExpectation(entry, expect));
      const problems = candidates.map((entry) => ({ entry, problem: missingStep(record, entry) }));
      const complete = problems.find((item) => item.problem === undefined);
      const others = packets(record, 'publish', 'in', expect.client).filter((entry) => topicMatches(expect.topic, topicOf(entry)));
      return {
        pass: complete !== undefined,
        expected: `${describeClient(expect.client)} sends ${phrase}, which ${words}`,
        seen: complete
          ? `${describePublish(complete.entry)}: handshake complete`
          : problems.length > 0
            ? listPhrase(limited(problems.map((item) => `${describePublish(item.entry)}: ${item.problem ?? ''}`)), '')
            : listPhrase(limited(others.map(describePublish)), `no PUBLISH to \`${expect.topic}\``),
        spec,
      };
    },
  };
}

/** The client's QoS 1 or 2 PUBLISH was acknowledged by the broker (the full handshake for its QoS). */
export function publishAcknowledged(expect: PublishExpectation & { qos: 1 | 2 }): Check {
  return publishHandshake(expect);
}
