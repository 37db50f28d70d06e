/** CONNECT's variable header and payload (3.1.1 §3.1, 5.0 §3.1). */
import type { ByteCursor } from './byte-cursor.ts';
import { binaryText, plural } from './describe-bytes.ts';
import { readProperties } from './properties.ts';

const LEVELS: Record<number, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' };

interface ConnectFlags {
  username: boolean;
  password: boolean;
  willRetain: boolean;
  willQos: number;
  will: boolean;
  clean: boolean;
  reserved: number;
}

function connectFlags(byte: number): ConnectFlags {
  return {
    username: (byte & 0x80) !== 0,
    password: (byte & 0x40) !== 0,
    willRetain: (byte & 0x20) !== 0,
    willQos: (byte >> 3) & 0b11,
    will: (byte & 0x04) !== 0,
    clean: (byte & 0x02) !== 0,
    reserved: byte & 1,
  };
}

const bit = (on: boolean): number => (on ? 1 : 0);

function describeFlags(byte: number, version: 4 | 5): string {
  const f = connectFlags(byte);
  const binary = byte.toString(2).padStart(8, '0');
  return [
    `Connect flags ${binary.slice(0, 4)} ${binary.slice(4)}:`,
    `bit 7 user name = ${bit(f.username)},`,
    `bit 6 password = ${bit(f.password)},`,
    `bit 5 will retain = ${bit(f.willRetain)},`,
    `bits 4–3 will QoS = ${f.willQos},`,
    `bit 2 will flag = ${bit(f.will)},`,
    `bit 1 ${version === 5 ? 'clean start' : 'clean session'} = ${bit(f.clean)},`,
    `bit 0 reserved = ${f.reserved}${f.reserved ? ' (malformed: must be 0)' : ''}`,
  ].join(' ');
}

/** Reads a CONNECT body; the protocol level inside it decides the version of the rest. */
export function readConnect(cursor: ByteCursor): void {
  cursor.string('variable-header', 'protocolName', 'Protocol name');
  const level = cursor.byte('variable-header', 'protocolLevel', (n) => ({ label: `Protocol level: ${n} (${LEVELS[n] ?? 'unknown version'})`, value: n }));
  const version = level === 5 ? 5 : 4;
  const flags = connectFlags(cursor.byte('variable-header', 'connectFlags', (n) => ({ label: describeFlags(n, version), value: n })));
  cursor.uint16('variable-header', 'keepAlive', (n) => ({ label: `Keep alive: ${n === 0 ? '0 (disabled)' : `${n} s`}`, value: n }));
  if (version === 5) readProperties(cursor);
  cursor.lengthPrefixed('payload', 'clientId', 'Client identifier', (b) => {
    const id = new TextDecoder().decode(b);
    return { label: `Client identifier: ${id}`, value: id };
  });
  if (flags.will) {
    if (version === 5) readProperties(cursor, 'Will properties');
    cursor.string('payload', 'willTopic', 'Will topic');
    cursor.lengthPrefixed('payload', 'willPayload', 'Will payload', (b) => ({ label: `Will payload: ${plural(b.length, 'byte')}, ${binaryText(b)}` }));
  }
  if (flags.username) cursor.string('payload', 'username', 'User name');
  if (flags.password) {
    // The password is never shown: learners share screenshots of the packet view.
    cursor.lengthPrefixed('payload', 'password', 'Password', (b) => ({ label: `Password: •••••• (${plural(b.length, 'byte')}, hidden)` }));
  }
}
