import { describe, expect, test } from 'vitest';
import { arrowLabel, spokenLabel } from '../model/describe-packet.ts';
import type { DecodedPacket } from '../../../../sandbox-broker/src/record-types.ts';

const packet = (fields: Record<string, unknown>): DecodedPacket => fields as DecodedPacket;

describe('reason codes in packet summaries read as the specifications write them', () => {
  test('5.0 DISCONNECT 0x94 is named (5.0 §2.4, table 2-6)', () => {
    expect(arrowLabel(packet({ cmd: 'disconnect', reasonCode: 0x94 }))).toBe('DISCONNECT · reason code 0x94 Topic Alias invalid');
  });
  test('a 3.1.1 CONNACK return code 5 is "not authorized" (3.1.1 §3.2.2.3)', () => {
    expect(spokenLabel(packet({ cmd: 'connack', returnCode: 5, sessionPresent: false }), 'door', 'out')).toBe(
      'broker to door: CONNACK, refused, return code 0x05 not authorized',
    );
  });
  test('a 5.0 CONNACK 0x86 and a PUBACK 0x10 are named', () => {
    expect(arrowLabel(packet({ cmd: 'connack', reasonCode: 0x86, sessionPresent: false }))).toBe('CONNACK · refused, reason code 0x86 Bad User Name or Password');
    expect(arrowLabel(packet({ cmd: 'puback', messageId: 3, reasonCode: 0x10 }))).toBe('PUBACK · id 3 · reason code 0x10 No matching subscribers');
  });
});
