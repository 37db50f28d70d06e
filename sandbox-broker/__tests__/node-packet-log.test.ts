import { describe, expect, it } from 'vitest';
import { formatEntry } from '../src/node/packet-log.ts';
import type { RecordEntry } from '../src/record-types.ts';

const at = new Date(2026, 10, 25, 12, 3, 4, 120);

const connect: RecordEntry = {
  kind: 'packet',
  seq: 0,
  time: 0,
  direction: 'in',
  clientId: 'sensor-1',
  linkId: 1,
  packet: { cmd: 'connect', protocolVersion: 5, clientId: 'sensor-1', clean: true, keepalive: 60, username: 'alice', password: { base64: 'c2VjcmV0', utf8: 'secret' } },
  raw: '',
};

describe('the node-mode packet log', () => {
  it('prints one line: time, client, arrow, type and key fields, never the password', () => {
    const line = formatEntry(connect, at, false);
    expect(line).toBe('12:03:04.120  sensor-1       → CONNECT    v5.0 id=sensor-1 clean keepalive=60 user=alice password=***');
    expect(line).not.toContain('secret');
  });

  it('shows publishes with topic, QoS, id and a payload preview, broker to client as ←', () => {
    const publish: RecordEntry = {
      ...connect,
      direction: 'out',
      packet: { cmd: 'publish', topic: 'lab/temp', qos: 1, retain: true, dup: false, messageId: 3, payload: { base64: 'MjEuNQ==', utf8: '21.5' } },
    };
    expect(formatEntry(publish, at, false)).toBe('12:03:04.120  sensor-1       ← PUBLISH    lab/temp qos=1 retain id=3 "21.5"');
  });

  it('colours only when asked (stdout is a terminal)', () => {
    expect(formatEntry(connect, at, true)).toContain('\u001b[');
    expect(formatEntry(connect, at, false)).not.toContain('\u001b[');
  });

  it('prints broker events with a dot and the reason', () => {
    const event: RecordEntry = { kind: 'event', seq: 1, time: 0, event: 'will-published', clientId: 'sensor-1', topic: 'lab/status', reason: 'link lost' };
    expect(formatEntry(event, at, false)).toBe('12:03:04.120  sensor-1       · will-published lab/status — link lost');
  });
});
