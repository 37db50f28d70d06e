/** The MQTT-SN v1.2 codec, byte for byte against the formats of §5.2–§5.4. */
import { describe, expect, test } from 'vitest';
import { decodeSnPacket, encodeSnPacket, type SnPacket } from '../../src/mqtt-sn/codec.ts';
import { decodeFlags, encodeFlags } from '../../src/mqtt-sn/constants.ts';
import { createRandom } from '../../src/instruments.ts';

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' ').map((h) => parseInt(h, 16)));
const text = new TextEncoder();

function roundTrip(packet: SnPacket): SnPacket {
  const decoded = decodeSnPacket(encodeSnPacket(packet));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.packet;
}

describe('§5.2.1 Length', () => {
  test('a message up to 255 octets has a one-octet Length counting the whole message', () => {
    expect(hex(encodeSnPacket({ type: 'pingresp' }))).toBe('02 17');
    expect(hex(encodeSnPacket({ type: 'puback', topicId: 1, msgId: 7, returnCode: 0 }))).toBe('07 0d 00 01 00 07 00');
  });

  test('a longer message starts with 0x01 and a two-octet length, MSB first', () => {
    const data = new Uint8Array(300).fill(0x61);
    const encoded = encodeSnPacket({ type: 'publish', dup: false, qos: 0, retain: false, topicIdType: 1, topicId: 5, msgId: 0, data });
    expect(encoded.length).toBe(4 + 1 + 2 + 2 + 300);
    expect(hex(encoded.subarray(0, 4))).toBe('01 01 35 0c');
    expect(roundTrip({ type: 'publish', dup: false, qos: 0, retain: false, topicIdType: 1, topicId: 5, msgId: 0, data })).toMatchObject({ topicId: 5, data });
  });

  test('a Length that disagrees with the datagram is rejected', () => {
    expect(decodeSnPacket(bytes('07 0d 00 01 00 07'))).toEqual({ ok: false, error: expect.stringMatching(/Length field says 7 octets but the datagram has 6/) });
    expect(decodeSnPacket(bytes('00 17'))).toEqual({ ok: false, error: expect.stringMatching(/Length 0/) });
    expect(decodeSnPacket(bytes('02'))).toEqual({ ok: false, error: expect.stringMatching(/shorter than the smallest message/) });
    expect(decodeSnPacket(bytes('01 00 04 17'))).toEqual({ ok: false, error: expect.stringMatching(/one-octet Length form/) });
  });
});

describe('§5.2.2 MsgType', () => {
  test('reserved MsgType values are rejected with the value named', () => {
    expect(decodeSnPacket(bytes('02 03'))).toEqual({ ok: false, error: 'MsgType 0x03 is reserved (§5.2.2)' });
    expect(decodeSnPacket(bytes('02 11'))).toEqual({ ok: false, error: 'MsgType 0x11 is reserved (§5.2.2)' });
  });
  test('the forwarder encapsulation 0xFE is refused clearly', () => {
    expect(decodeSnPacket(bytes('03 fe 00'))).toEqual({ ok: false, error: expect.stringMatching(/encapsulation/) });
  });
});

describe('§5.3.4 Flags', () => {
  test('DUP bit 7, QoS bits 6-5 (0b11 = -1), Retain 4, Will 3, CleanSession 2, TopicIdType 1-0', () => {
    expect(encodeFlags({ dup: true, qos: 1, retain: true, topicIdType: 2 })).toBe(0b1011_0010);
    expect(encodeFlags({ qos: -1, topicIdType: 1 })).toBe(0b0110_0001);
    expect(encodeFlags({ will: true, cleanSession: true })).toBe(0b0000_1100);
    expect(decodeFlags(0b0110_0001)).toMatchObject({ qos: -1, topicIdType: 1, dup: false });
    expect(decodeFlags(0b0100_0000)).toMatchObject({ qos: 2 });
  });
  test('TopicIdType 0b11 is reserved', () => {
    expect(decodeSnPacket(bytes('08 0c 03 00 01 00 00 41'))).toEqual({ ok: false, error: expect.stringMatching(/TopicIdType 0b11 is reserved/) });
  });
});

describe('§5.4 message formats', () => {
  test('§5.4.4 CONNECT: Flags, ProtocolId 0x01, Duration, ClientId', () => {
    const connect: SnPacket = { type: 'connect', will: true, cleanSession: true, protocolId: 1, duration: 60, clientId: 'node-7' };
    expect(hex(encodeSnPacket(connect))).toBe('0c 04 0c 01 00 3c 6e 6f 64 65 2d 37');
    expect(roundTrip(connect)).toEqual(connect);
  });
  test('§5.3.1 a ClientId is 1 to 23 characters', () => {
    const long = encodeSnPacket({ type: 'connect', will: false, cleanSession: true, protocolId: 1, duration: 0, clientId: 'x' });
    const tooLong = Uint8Array.from([6 + 24, ...long.subarray(1, 6), ...text.encode('a'.repeat(24))]);
    expect(decodeSnPacket(tooLong)).toEqual({ ok: false, error: expect.stringMatching(/1 to 23 characters/) });
    expect(decodeSnPacket(bytes('06 04 04 01 00 00'))).toEqual({ ok: false, error: expect.stringMatching(/1 to 23 characters/) });
  });
  test('§5.4.10/§5.4.11 REGISTER and REGACK', () => {
    const register: SnPacket = { type: 'register', topicId: 0, msgId: 1, topicName: 'a/b' };
    expect(hex(encodeSnPacket(register))).toBe('09 0a 00 00 00 01 61 2f 62');
    expect(roundTrip(register)).toEqual(register);
    expect(roundTrip({ type: 'regack', topicId: 3, msgId: 1, returnCode: 0 })).toEqual({ type: 'regack', topicId: 3, msgId: 1, returnCode: 0 });
  });
  test('§5.4.12 PUBLISH with a normal, a pre-defined and a short topic', () => {
    const data = text.encode('21.5');
    const normal: SnPacket = { type: 'publish', dup: false, qos: 1, retain: false, topicIdType: 0, topicId: 1, msgId: 2, data };
    expect(hex(encodeSnPacket(normal))).toBe('0b 0c 20 00 01 00 02 32 31 2e 35');
    expect(roundTrip(normal)).toEqual(normal);
    const short: SnPacket = { type: 'publish', dup: false, qos: 0, retain: true, topicIdType: 2, shortTopic: 'tp', msgId: 0, data };
    expect(hex(encodeSnPacket(short))).toBe('0b 0c 12 74 70 00 00 32 31 2e 35');
    expect(roundTrip(short)).toEqual(short);
  });
  test('§6.8 QoS -1 is only for pre-defined ids and short topic names', () => {
    const predefined: SnPacket = { type: 'publish', dup: false, qos: -1, retain: false, topicIdType: 1, topicId: 1, msgId: 0, data: text.encode('on') };
    expect(hex(encodeSnPacket(predefined))).toBe('09 0c 61 00 01 00 00 6f 6e');
    expect(roundTrip(predefined)).toEqual(predefined);
    expect(decodeSnPacket(bytes('09 0c 60 00 01 00 00 6f 6e'))).toEqual({ ok: false, error: expect.stringMatching(/QoS -1 needs a pre-defined topic id or a short topic name/) });
  });
  test('§5.4.15-§5.4.18 SUBSCRIBE by name, by pre-defined id, SUBACK, UNSUBSCRIBE, UNSUBACK', () => {
    const byName: SnPacket = { type: 'subscribe', dup: false, qos: 1, topicIdType: 0, msgId: 4, topicName: 'cmd/#' };
    expect(hex(encodeSnPacket(byName))).toBe('0a 12 20 00 04 63 6d 64 2f 23');
    expect(roundTrip(byName)).toEqual(byName);
    expect(roundTrip({ type: 'subscribe', dup: false, qos: 0, topicIdType: 1, msgId: 5, topicId: 9 })).toMatchObject({ topicId: 9 });
    expect(hex(encodeSnPacket({ type: 'suback', qos: 1, topicId: 2, msgId: 4, returnCode: 0 }))).toBe('08 13 20 00 02 00 04 00');
    expect(roundTrip({ type: 'unsubscribe', topicIdType: 2, msgId: 6, shortTopic: 'tp' })).toEqual({ type: 'unsubscribe', topicIdType: 2, msgId: 6, shortTopic: 'tp' });
    expect(hex(encodeSnPacket({ type: 'unsuback', msgId: 6 }))).toBe('04 15 00 06');
  });
  test('§5.4.14 PUBREC, PUBREL, PUBCOMP carry only the MsgId', () => {
    expect(hex(encodeSnPacket({ type: 'pubrec', msgId: 258 }))).toBe('04 0f 01 02');
    expect(hex(encodeSnPacket({ type: 'pubrel', msgId: 258 }))).toBe('04 10 01 02');
    expect(hex(encodeSnPacket({ type: 'pubcomp', msgId: 258 }))).toBe('04 0e 01 02');
  });
  test('§5.4.19 PINGREQ with an optional ClientId; §5.4.21 DISCONNECT with an optional Duration', () => {
    expect(hex(encodeSnPacket({ type: 'pingreq' }))).toBe('02 16');
    expect(roundTrip({ type: 'pingreq', clientId: 'node-7' })).toEqual({ type: 'pingreq', clientId: 'node-7' });
    expect(hex(encodeSnPacket({ type: 'disconnect', duration: 600 }))).toBe('04 18 02 58');
    expect(roundTrip({ type: 'disconnect' })).toEqual({ type: 'disconnect' });
    expect(decodeSnPacket(bytes('03 18 02'))).toEqual({ ok: false, error: expect.stringMatching(/DISCONNECT ends before its two-octet Duration/) });
  });
  test('§5.4.6-§5.4.9 the will handshake, and an empty WILLTOPIC', () => {
    expect(hex(encodeSnPacket({ type: 'willtopicreq' }))).toBe('02 06');
    const willTopic: SnPacket = { type: 'willtopic', qos: 1, retain: true, willTopic: 'st' };
    expect(hex(encodeSnPacket(willTopic))).toBe('05 07 30 73 74');
    expect(roundTrip(willTopic)).toEqual(willTopic);
    expect(roundTrip({ type: 'willtopic' })).toEqual({ type: 'willtopic' });
    expect(roundTrip({ type: 'willmsg', willMsg: text.encode('gone') })).toEqual({ type: 'willmsg', willMsg: text.encode('gone') });
  });
  test('§5.4.1-§5.4.3 ADVERTISE, SEARCHGW, GWINFO', () => {
    expect(hex(encodeSnPacket({ type: 'advertise', gwId: 1, duration: 900 }))).toBe('05 00 01 03 84');
    expect(hex(encodeSnPacket({ type: 'searchgw', radius: 1 }))).toBe('03 01 01');
    expect(roundTrip({ type: 'gwinfo', gwId: 1 })).toEqual({ type: 'gwinfo', gwId: 1 });
  });
  test('fields after the last one a message has are rejected', () => {
    expect(decodeSnPacket(bytes('03 17 00'))).toEqual({ ok: false, error: 'PINGRESP has 1 octet(s) after its last field' });
  });
  test('a TopicName that is not UTF-8 is rejected', () => {
    expect(decodeSnPacket(bytes('07 0a 00 00 00 01 ff'))).toEqual({ ok: false, error: expect.stringMatching(/not valid UTF-8/) });
  });
});

describe('bad input', () => {
  test('random datagrams (half with a correct Length and a known MsgType) never throw; a refusal always says why', () => {
    const next = createRandom(7); // seeded, so a failure reproduces
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const length = 2 + Math.floor(next() * 40);
      const datagram = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      if (i % 2 === 0) {
        datagram[0] = length;
        datagram[1] = [0x04, 0x0a, 0x0c, 0x12, 0x14, 0x16, 0x18, 0x07][Math.floor(next() * 8)] ?? 0x0c;
      }
      const result = decodeSnPacket(datagram);
      if (result.ok) {
        accepted++;
        expect(() => encodeSnPacket(result.packet)).not.toThrow();
      } else {
        expect(result.error.length).toBeGreaterThan(10);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
