/** Checks about opening and closing connections: CONNECT, CONNACK, DISCONNECT. */
import type { PacketEntry, RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import {
  type ClientMatcher, describeClient, field, isBoolean, isNumber, isString, limited, listPhrase, nextOnLink, packets, sentence,
} from './record-query.ts';

export interface ConnectExpectation {
  client?: ClientMatcher;
  /** true: Clean Session (3.1.1) / Clean Start (5.0) set; false: unset. */
  cleanStart?: boolean;
  /** 4 for MQTT 3.1.1, 5 for MQTT 5.0. */
  protocolVersion?: 4 | 5;
  /** Require a client id chosen by the client (not empty). */
  clientIdChosen?: boolean;
}

function connackAccepted(record: RunRecord, connect: PacketEntry): boolean {
  const connack = nextOnLink(record, connect, (entry) => entry.packet.cmd === 'connack');
  if (!connack) return false;
  // 3.1.1 CONNACK carries returnCode, 5.0 carries reasonCode; 0 means accepted in both.
  const code = field(connack, 'reasonCode', isNumber) ?? field(connack, 'returnCode', isNumber) ?? 0;
  return code === 0;
}

function describeConnect(entry: PacketEntry): string {
  const clientId = field(entry, 'clientId', isString) ?? '';
  const clean = field(entry, 'clean', isBoolean);
  const version = field(entry, 'protocolVersion', isNumber);
  return `CONNECT with client id ${clientId === '' ? '(empty)' : `\`${clientId}\``}, clean ${clean === true ? 'start/session set' : 'start/session unset'}, protocol level ${version ?? '?'}`;
}

function expectationPhrase(expect: ConnectExpectation): string {
  const parts: string[] = [];
  if (expect.clientIdChosen) parts.push('a client id of your own');
  if (expect.cleanStart !== undefined) parts.push(expect.cleanStart ? 'clean start set' : 'clean start unset');
  if (expect.protocolVersion !== undefined) parts.push(expect.protocolVersion === 5 ? 'MQTT 5.0' : 'MQTT 3.1.1');
  return `${describeClient(expect.client)} sends CONNECT${parts.length ? ` with ${listPhrase(parts, '')}` : ''}, and the broker accepts it`;
}

export function connectedWith(expect: ConnectExpectation = {}): Check {
  const spec = { version: '3.1.1', section: '3.1.2.4', title: 'Clean Session (5.0 §3.1.2.4 Clean Start)' } as const;
  return {
    id: `connected-with${expect.cleanStart === undefined ? '' : expect.cleanStart ? '-clean-start' : '-session'}`,
    title: sentence(expectationPhrase(expect)),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', expect.client);
      const matching = connects.filter((entry) => {
        if (expect.cleanStart !== undefined && field(entry, 'clean', isBoolean) !== expect.cleanStart) return false;
        if (expect.protocolVersion !== undefined && field(entry, 'protocolVersion', isNumber) !== expect.protocolVersion) return false;
        if (expect.clientIdChosen && !field(entry, 'clientId', isString)) return false;
        return true;
      });
      const accepted = matching.find((entry) => connackAccepted(record, entry));
      return {
        pass: accepted !== undefined,
        expected: expectationPhrase(expect),
        seen: accepted
          ? `${describeConnect(accepted)}, accepted`
          : matching.length > 0
            ? `${describeConnect(matching[0] as PacketEntry)}, but the broker did not accept it`
            : listPhrase(limited(connects.map(describeConnect)), 'no CONNECT packet at all'),
        spec,
      };
    },
  };
}

export function disconnectedCleanly(options: { client?: ClientMatcher } = {}): Check {
  const spec = { version: '3.1.1', section: '3.14', title: 'DISCONNECT – Disconnect notification' } as const;
  const who = describeClient(options.client);
  return {
    id: 'disconnected-cleanly',
    title: sentence(`${who} ended its connection with DISCONNECT`),
    spec,
    run(record) {
      const connects = packets(record, 'connect', 'in', options.client);
      const disconnects = packets(record, 'disconnect', 'in', options.client);
      return {
        pass: disconnects.length > 0,
        expected: `${who} sends DISCONNECT before closing the connection (e.g. \`client.end()\`)`,
        seen: disconnects.length > 0
          ? `DISCONNECT from \`${disconnects[0]?.clientId ?? ''}\``
          : connects.length > 0
            ? 'the connection was never ended with DISCONNECT'
            : 'no connection at all',
        spec,
      };
    },
  };
}
