/**
 * Checks for connection management (module 6): a client that came back after every fault the
 * scenario injected, resent what was unacknowledged, got every message through, and — for a
 * fleet — backed off and spread its reconnection attempts instead of hammering the broker.
 * Import them from this file (they are not re-exported by index.ts).
 */
import type { BrokerEventEntry, PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, clientMatches, clientOf, describeClient, limited, listPhrase, messageIdOf, nextOnLink, packets,
  payloadText, qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const quoted = (text: string): string => `\`${text}\``;

/** The faults a scenario applied to the client's connection: link cuts aimed at it, broker restarts. */
export function faultsAgainst(record: RunRecord, client: ClientMatcher): BrokerEventEntry[] {
  return record.entries.filter((entry): entry is BrokerEventEntry => {
    if (entry.kind !== 'event' || entry.event !== 'instrument') return false;
    const instrument = entry.detail?.['instrument'];
    if (instrument === 'restartBroker') return true;
    const target = entry.detail?.['target'];
    return instrument === 'cutLink' && typeof target === 'string' && clientMatches(client, target, record);
  });
}

/** CONNACKs that accepted a connection of the client, in order. */
function acceptedConnacks(record: RunRecord, client: ClientMatcher): PacketEntry[] {
  return packets(record, 'connack', 'out', client).filter((entry) => (entry.packet['reasonCode'] ?? entry.packet['returnCode'] ?? 0) === 0);
}

const faultName = (fault: BrokerEventEntry): string =>
  fault.detail?.['instrument'] === 'restartBroker' ? 'the broker restart' : 'a link cut';

/**
 * After every fault the scenario injected (its link cut, the broker restarted), the client
 * connected again and the broker accepted it. Reconnection is the client's job: the protocol
 * only says what the broker keeps for it (3.1.1 §3.1.2.4; 5.0 §3.1.2.4, §3.1.2.11.2).
 */
export function cameBackAfterEveryFault(options: { client?: ClientMatcher } = {}): Check {
  const who = describeClient(options.client);
  const spec = { version: '3.1.1', section: '3.1.2.4', title: 'Clean Session' } as const;
  return {
    id: 'came-back-after-every-fault',
    title: sentence(`${who} reconnected after every link cut and broker restart`),
    spec,
    run(record) {
      const faults = faultsAgainst(record, options.client);
      const connacks = acceptedConnacks(record, options.client);
      const missed = faults.filter((fault) => !connacks.some((connack) => connack.seq > fault.seq));
      const expected = `${who} connects again (and is accepted) after each fault the scenario injects`;
      if (faults.length === 0) return { pass: false, expected, seen: 'the scenario injected no fault: did your client publish its first reading?', spec };
      return {
        pass: missed.length === 0,
        expected,
        seen: missed.length === 0
          ? `${faults.length} faults, each followed by an accepted CONNECT`
          : `no accepted CONNECT after ${listPhrase(missed.map((fault) => `${faultName(fault)} at ${fault.time} ms`), '')}`,
        spec,
      };
    },
  };
}

/**
 * Every QoS 1 or 2 PUBLISH the client sent that was never acknowledged on its link was sent again
 * on a later link with the same packet identifier: the client half of the session
 * (3.1.1 [MQTT-4.4.0-1]; 5.0 §4.4). Passing needs at least one such PUBLISH (the scenario makes one).
 */
export function unacknowledgedResent(options: { client?: ClientMatcher; topic?: string } = {}): Check {
  const who = describeClient(options.client);
  const spec = { version: '3.1.1', statement: 'MQTT-4.4.0-1', section: '4.4', title: 'Unacknowledged PUBLISH packets are resent on reconnection' } as const;
  return {
    id: 'unacknowledged-resent',
    title: sentence(`${who} resent each unacknowledged QoS 1 PUBLISH after reconnecting, with the same packet identifier`),
    spec,
    run(record) {
      const sent = packets(record, 'publish', 'in', options.client)
        .filter((entry) => qosOf(entry) > 0 && (options.topic === undefined || topicMatches(options.topic, topicOf(entry))));
      const unacknowledged = sent.filter((entry) => !nextOnLink(record, entry, (next) =>
        next.direction === 'out' && (next.packet.cmd === 'puback' || next.packet.cmd === 'pubrec') && messageIdOf(next) === messageIdOf(entry)));
      const resent = (entry: PacketEntry): boolean => sent.some((later) =>
        later.seq > entry.seq && later.linkId !== entry.linkId && messageIdOf(later) === messageIdOf(entry) &&
        payloadText(later.packet['payload']) === payloadText(entry.packet['payload']));
      const lost = unacknowledged.filter((entry) => !resent(entry));
      const phrase = (entry: PacketEntry): string => `${JSON.stringify(payloadText(entry.packet['payload']) ?? '')} (packet id ${messageIdOf(entry) ?? '?'})`;
      return {
        pass: unacknowledged.length > 0 && lost.length === 0,
        expected: `every PUBLISH of ${who} left without PUBACK when its link dropped is sent again after reconnecting, same packet identifier`,
        seen: unacknowledged.length === 0
          ? 'no PUBLISH of yours was left unacknowledged by a drop'
          : lost.length === 0
            ? `${unacknowledged.length} left unacknowledged, all resent: ${listPhrase(limited(unacknowledged.map(phrase)), '')}`
            : `never resent: ${listPhrase(limited(lost.map(phrase)), '')}`,
        spec,
      };
    },
  };
}

/**
 * `client` (often a scenario peer) received every one of `payloads` on `topic`: nothing the
 * publisher meant to send was lost on the way. Duplicates are allowed (QoS 1, 3.1.1 §4.3.2).
 */
export function receivedEveryPayload(client: ClientMatcher, topic: string, payloads: readonly string[]): Check {
  const who = describeClient(client);
  const spec = { version: '3.1.1', section: '4.3.2', title: 'QoS 1: At least once delivery' } as const;
  return {
    id: `received-every-payload:${topic}`,
    title: sentence(`${who} received all ${payloads.length} messages on ${quoted(topic)}`),
    spec,
    run(record) {
      const got = new Set(packets(record, 'publish', 'out', client)
        .filter((entry) => topicMatches(topic, topicOf(entry)))
        .map((entry) => payloadText(entry.packet['payload']) ?? ''));
      const missing = payloads.filter((payload) => !got.has(payload));
      return {
        pass: missing.length === 0,
        expected: `${who} receives ${listPhrase([payloads[0] ?? '', payloads.at(-1) ?? ''].map((p) => JSON.stringify(p)), '')} and everything between, on ${quoted(topic)}`,
        seen: missing.length === 0 ? `all ${payloads.length} received` : `${missing.length} never arrived: ${listPhrase(limited(missing.map((p) => JSON.stringify(p))), '')}`,
        spec,
      };
    },
  };
}

/** The times (broker clock) of each client's CONNECTs after `from`, by client id. */
export function attemptsByClient(record: RunRecord, client: ClientMatcher, from: number): Map<string, number[]> {
  const attempts = new Map<string, number[]>();
  for (const entry of packets(record, 'connect', 'in', client)) {
    if (entry.seq <= from) continue;
    const id = clientOf(record, entry);
    attempts.set(id, [...(attempts.get(id) ?? []), entry.time]);
  }
  return attempts;
}

/** The outage a scenario staged: from the fault that dropped the clients to the end of refuseConnections. */
export interface Outage {
  from: { seq: number; time: number };
  until: number;
}

export function outageOf(record: RunRecord): Outage | undefined {
  const refusal = record.entries.find((entry): entry is BrokerEventEntry =>
    entry.kind === 'event' && entry.event === 'instrument' && entry.detail?.['instrument'] === 'refuseConnections');
  const ms = refusal?.detail?.['ms'];
  if (!refusal || typeof ms !== 'number') return undefined;
  const fault = record.entries.find((entry): entry is BrokerEventEntry =>
    entry.kind === 'event' && entry.event === 'instrument' && entry.seq > refusal.seq &&
    (entry.detail?.['instrument'] === 'restartBroker' || entry.detail?.['instrument'] === 'cutLink'));
  const from = fault ?? refusal;
  return { from: { seq: from.seq, time: from.time }, until: refusal.time + ms };
}

const NO_OUTAGE = 'the scenario staged no outage: did every client announce itself?';

/**
 * Through an outage (the broker refusing connections), each of the clients kept trying — at least
 * `min` CONNECTs while it lasted — and was accepted once it was over.
 */
export function keptTryingThroughOutage(options: { min: number; client?: ClientMatcher }): Check {
  const who = describeClient(options.client);
  return {
    id: 'kept-trying-through-outage',
    title: sentence(`each of ${who === 'your client' ? 'your clients' : who} kept trying to reconnect during the outage (at least ${options.min} attempts) and got back in after it`),
    run(record) {
      const outage = outageOf(record);
      const expected = `every client makes at least ${options.min} CONNECT attempts while the broker is down, and is accepted once it is up`;
      if (!outage) return { pass: false, expected, seen: NO_OUTAGE };
      const attempts = attemptsByClient(record, options.client, outage.from.seq);
      const accepted = acceptedConnacks(record, options.client);
      const problems: string[] = [];
      for (const [id, times] of attempts) {
        const during = times.filter((time) => time < outage.until).length;
        if (during < options.min) problems.push(`\`${id}\` tried ${during} time${during === 1 ? '' : 's'} during the outage`);
        if (!accepted.some((connack) => connack.seq > outage.from.seq && clientOf(record, connack) === id)) problems.push(`\`${id}\` never got back in`);
      }
      if (attempts.size === 0) problems.push('no client tried to reconnect');
      return {
        pass: problems.length === 0,
        expected,
        seen: problems.length === 0
          ? listPhrase([...attempts].map(([id, times]) => `\`${id}\` ${times.filter((time) => time < outage.until).length}`), '') + ' attempts during the outage, all back in'
          : listPhrase(limited(problems), ''),
      };
    },
  };
}

/**
 * The fleet backed off: its reconnection attempts thinned out as the outage went on — in the
 * first third of the outage at least `ratio` times as many CONNECTs as in the last third. A fixed
 * reconnect period keeps the rate flat; exponential backoff (with or without jitter) does not.
 */
export function backedOffDuringOutage(options: { ratio: number; client?: ClientMatcher }): Check {
  return {
    id: 'backed-off-during-outage',
    title: `Reconnection attempts thinned out during the outage: at least ${options.ratio}× as many in its first third as in its last`,
    run(record) {
      const outage = outageOf(record);
      const expected = `at least ${options.ratio}× as many CONNECT attempts in the first third of the outage as in the last third (exponential backoff)`;
      if (!outage) return { pass: false, expected, seen: NO_OUTAGE };
      const third = (outage.until - outage.from.time) / 3;
      const all = [...attemptsByClient(record, options.client, outage.from.seq).values()].flat();
      const first = all.filter((time) => time < outage.from.time + third).length;
      const last = all.filter((time) => time >= outage.until - third && time < outage.until).length;
      return {
        pass: first > last && first >= options.ratio * last,
        expected,
        seen: `${first} attempts in the first third (${Math.round(third)} ms), ${last} in the last third`,
      };
    },
  };
}

/**
 * The fleet's attempts were spread out, not synchronised: for some n, the clients' n-th attempts
 * after the fault lie at least `minSpreadMs` apart from first to last. Without jitter every
 * client computes the same delays and the whole fleet arrives at the same instant, every time.
 */
export function attemptsSpreadOut(options: { minSpreadMs: number; client?: ClientMatcher }): Check {
  return {
    id: 'attempts-spread-out',
    title: `The clients' reconnection attempts were spread out by jitter (at least ${options.minSpreadMs} ms between the first and last client's n-th attempt)`,
    run(record) {
      const outage = outageOf(record);
      const expected = `the clients' n-th reconnection attempts spread over at least ${options.minSpreadMs} ms for some n (random jitter in the delay)`;
      if (!outage) return { pass: false, expected, seen: NO_OUTAGE };
      const fleet = [...attemptsByClient(record, options.client, outage.from.seq).values()];
      if (fleet.length < 2) return { pass: false, expected, seen: 'fewer than two clients reconnected' };
      const rounds = Math.min(...fleet.map((times) => times.length));
      const spreads = Array.from({ length: rounds }, (_, n) => {
        const times = fleet.map((attempts) => attempts[n] ?? 0);
        return Math.max(...times) - Math.min(...times);
      });
      const widest = Math.max(0, ...spreads);
      return {
        pass: widest >= options.minSpreadMs,
        expected,
        seen: `spread of the 1st, 2nd, … attempts across ${fleet.length} clients: ${limited(spreads.map((ms) => `${Math.round(ms)} ms`), 6).join(', ')}`,
      };
    },
  };
}
