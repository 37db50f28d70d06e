/**
 * Checks about brokers as configured and deployed (module 5): the limits a 5.0 broker announces
 * in CONNACK and enforces with DISCONNECT, which node of a run with several a client reached and
 * with what Session Present, messages that must not cross a bridge, and deliveries left
 * unacknowledged. Pure functions of the record, like every check.
 */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, describePublish, field, isBoolean, isNumber, limited, listPhrase, messageIdOf, packets, payloadText,
  qosOf, sentence, topicOf,
} from './record-query.ts';
import { topicMatches } from './topic-match.ts';

const hex = (code: number): string => `0x${code.toString(16).padStart(2, '0')}`;

/** The CONNACK properties a broker configuration shows up as (5.0 §3.2.2.3). */
export interface AnnouncedLimits {
  maximumQoS?: 0 | 1;
  retainAvailable?: boolean;
  maximumPacketSize?: number;
  serverKeepAlive?: number;
}

const LIMIT_NAMES: Record<keyof AnnouncedLimits, string> = {
  maximumQoS: 'Maximum QoS',
  retainAvailable: 'Retain Available',
  maximumPacketSize: 'Maximum Packet Size',
  serverKeepAlive: 'Server Keep Alive',
};

function limitsPhrase(limits: Partial<Record<keyof AnnouncedLimits, unknown>>): string {
  const parts = (Object.keys(LIMIT_NAMES) as (keyof AnnouncedLimits)[])
    .filter((key) => limits[key] !== undefined)
    .map((key) => `${LIMIT_NAMES[key]} ${String(limits[key])}`);
  return listPhrase(parts, 'no limits');
}

/**
 * A successful CONNACK to the client carries exactly these property values (5.0 §3.2.2.3). An
 * absent Retain Available means 1 (available) and is read as `true`.
 */
export function connackAnnounces(limits: AnnouncedLimits, options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '5.0', section: '3.2.2.3', title: 'CONNACK Properties' } as const;
  const who = describeClient(options.client);
  const wanted = limitsPhrase(limits);
  return {
    id: `connack-announces:${Object.entries(limits).map(([key, value]) => `${key}=${String(value)}`).join(',')}`,
    title: sentence(`The broker announced ${wanted} in its CONNACK to ${who}`),
    spec,
    run(record) {
      const accepted = packets(record, 'connack', 'out', options.client).filter((entry) => (field(entry, 'reasonCode', isNumber) ?? 0) === 0);
      const announced = (entry: PacketEntry): Partial<Record<keyof AnnouncedLimits, unknown>> => {
        const properties = (entry.packet['properties'] ?? {}) as Record<string, unknown>;
        return {
          maximumQoS: properties['maximumQoS'],
          retainAvailable: properties['retainAvailable'] ?? true,
          maximumPacketSize: properties['maximumPacketSize'],
          serverKeepAlive: properties['serverKeepAlive'],
        };
      };
      const fits = (entry: PacketEntry): boolean => {
        const seen = announced(entry);
        return (Object.keys(limits) as (keyof AnnouncedLimits)[]).every((key) => seen[key] === limits[key]);
      };
      const match = accepted.find(fits);
      return {
        pass: match !== undefined,
        expected: `a CONNACK to ${who} with ${wanted}`,
        seen: listPhrase(limited(accepted.map((entry) => `CONNACK with ${limitsPhrase(announced(entry))}`)), `no successful CONNACK to ${who}`),
        spec,
      };
    },
  };
}

/** The broker closed the client's connection with a 5.0 DISCONNECT carrying `reasonCode` (e.g. 0x95, 0x9B). */
export function brokerDisconnected(reasonCode: number, options: { client?: ClientMatcher; why: string }): Check {
  const spec = { version: '5.0', section: '3.14.2.1', title: 'Disconnect Reason Code' } as const;
  const who = describeClient(options.client);
  return {
    id: `broker-disconnected:${hex(reasonCode)}:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`The broker disconnected ${who} with ${hex(reasonCode)} (${options.why})`),
    spec,
    run(record) {
      const sent = packets(record, 'disconnect', 'out', options.client);
      const codes = sent.map((entry) => field(entry, 'reasonCode', isNumber) ?? 0);
      return {
        pass: codes.includes(reasonCode),
        expected: `DISCONNECT ${hex(reasonCode)} from the broker to ${who}`,
        seen: listPhrase(limited(codes.map((code) => `DISCONNECT ${hex(code)}`)), `no DISCONNECT from the broker to ${who}: the connection stayed up`),
        spec,
      };
    },
  };
}

function connackPhrase(entry: PacketEntry): string {
  const present = field(entry, 'sessionPresent', isBoolean) ? 1 : 0;
  return `CONNACK on ${entry.node === undefined ? 'the broker' : `node ${entry.node}`} with Session Present ${present}`;
}

/**
 * In a run with several nodes: the client's `nth` successful connection (from 1; default the
 * first) was on `node`, and with `sessionPresent`, when given (3.1.1 [MQTT-3.2.2-2], 5.0 [MQTT-3.2.2-3]).
 */
export function connectedToNode(node: string, options: { client?: ClientMatcher; nth?: number | 'any-later'; sessionPresent?: boolean } = {}): Check {
  const spec = options.sessionPresent === undefined
    ? ({ version: '5.0', section: '4.11', title: 'Server redirection: which server a client connects to is up to the client and its operators' } as const)
    : ({ version: '5.0', statement: 'MQTT-3.2.2-3', section: '3.2.2.1.1', title: 'Session Present' } as const);
  const who = describeClient(options.client);
  const which = options.nth === 'any-later' ? 'a later connection' : options.nth && options.nth > 1 ? `connection number ${options.nth}` : 'the first connection';
  const present = options.sessionPresent === undefined ? '' : ` with Session Present ${options.sessionPresent ? 1 : 0}`;
  return {
    id: `connected-to-node:${node}:${String(options.nth ?? 1)}:${String(options.sessionPresent)}:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`${which} of ${who} was accepted on node ${node}${present}`),
    spec,
    run(record) {
      const accepted = packets(record, 'connack', 'out', options.client).filter(
        (entry) => (field(entry, 'reasonCode', isNumber) ?? field(entry, 'returnCode', isNumber) ?? 0) === 0,
      );
      const candidates = options.nth === 'any-later' ? accepted.slice(1) : accepted.slice((options.nth ?? 1) - 1, options.nth ?? 1);
      const fits = (entry: PacketEntry): boolean =>
        entry.node === node && (options.sessionPresent === undefined || (field(entry, 'sessionPresent', isBoolean) ?? false) === options.sessionPresent);
      return {
        pass: candidates.some(fits),
        expected: `${which} of ${who} accepted on node ${node}${present}`,
        seen: listPhrase(limited(accepted.map(connackPhrase)), `no successful CONNACK to ${who}`),
        spec,
      };
    },
  };
}

/** No message matching `topic` (and `payload`, when given) was delivered to the client: what must not cross a bridge. */
export function notDelivered(expect: { topic: string; to?: ClientMatcher; payload?: string; because: string }): Check {
  const spec = { version: '3.1.1', section: '4.7', title: 'Topic Names and Topic Filters: only matching subscriptions receive a message' } as const;
  const who = describeClient(expect.to);
  const what = `a message on \`${expect.topic}\`${expect.payload === undefined ? '' : ` with payload ${JSON.stringify(expect.payload)}`}`;
  return {
    id: `not-delivered:${expect.topic}:${expect.payload ?? ''}:${typeof expect.to === 'string' ? expect.to : 'any'}`,
    title: sentence(`${who} did not receive ${what} (${expect.because})`),
    spec,
    run(record) {
      const leaked = packets(record, 'publish', 'out', expect.to).filter(
        (entry) => topicMatches(expect.topic, topicOf(entry)) && (expect.payload === undefined || payloadText(entry.packet['payload']) === expect.payload),
      );
      return {
        pass: leaked.length === 0,
        expected: `no ${what} delivered to ${who}`,
        seen: listPhrase(limited(leaked.map((entry) => `${describePublish(entry)} delivered to \`${entry.clientId}\``)), 'none delivered'),
        spec,
      };
    },
  };
}

/**
 * Every QoS 1 PUBLISH the broker sent the client was acknowledged with PUBACK on the same link
 * (3.1.1 [MQTT-4.3.2-2], 5.0 §4.3.2): nothing left for the broker to send again.
 */
export function deliveriesAcknowledged(options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', statement: 'MQTT-4.3.2-2', section: '4.3.2', title: 'the receiver of a QoS 1 PUBLISH responds with PUBACK (5.0 §4.3.2)' } as const;
  const who = describeClient(options.client);
  return {
    id: `deliveries-acknowledged:${typeof options.client === 'string' ? options.client : 'any'}`,
    title: sentence(`${who} acknowledged every QoS 1 message it received`),
    spec,
    run(record: RunRecord) {
      const deliveries = packets(record, 'publish', 'out', options.client).filter((entry) => qosOf(entry) === 1);
      const acks = packets(record, 'puback', 'in', options.client);
      const open = deliveries.filter(
        (delivery) => !acks.some((ack) => ack.linkId === delivery.linkId && ack.seq > delivery.seq && messageIdOf(ack) === messageIdOf(delivery)),
      );
      return {
        pass: deliveries.length > 0 && open.length === 0,
        expected: `a PUBACK from ${who} for each QoS 1 PUBLISH it received`,
        seen: deliveries.length === 0
          ? `no QoS 1 message delivered to ${who}`
          : open.length === 0
            ? `${deliveries.length} QoS 1 message${deliveries.length === 1 ? '' : 's'}, each acknowledged`
            : `unacknowledged: ${listPhrase(limited(open.map(describePublish)), '')}`,
        spec,
      };
    },
  };
}
