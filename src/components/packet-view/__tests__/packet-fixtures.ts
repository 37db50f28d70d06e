/** One sample of every control packet type, for 3.1.1 and 5.0, as mqtt-packet objects. */
import { Buffer } from 'buffer';
import type { Packet } from 'mqtt-packet';

export interface Fixture {
  name: string;
  version: 4 | 5;
  packet: Packet;
}

const v4: Packet[] = [
  {
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: false, clientId: 'sensor-1', keepalive: 30,
    username: 'ada', password: Buffer.from('s3cret'),
    will: { topic: 'lab/status', payload: Buffer.from('offline'), qos: 1, retain: true },
  },
  { cmd: 'connack', sessionPresent: true, returnCode: 0 },
  { cmd: 'publish', topic: 'lab/hello', payload: Buffer.from('hi there'), qos: 1, messageId: 7, dup: true, retain: false },
  { cmd: 'puback', messageId: 7 },
  { cmd: 'pubrec', messageId: 8 },
  { cmd: 'pubrel', messageId: 8 },
  { cmd: 'pubcomp', messageId: 8 },
  { cmd: 'subscribe', messageId: 9, subscriptions: [{ topic: 'lab/#', qos: 1 }, { topic: 'other/+', qos: 2 }] },
  { cmd: 'suback', messageId: 9, granted: [1, 0x80] },
  { cmd: 'unsubscribe', messageId: 10, unsubscriptions: ['lab/#', 'other/+'] },
  { cmd: 'unsuback', messageId: 10 },
  { cmd: 'pingreq' },
  { cmd: 'pingresp' },
  { cmd: 'disconnect' },
] as Packet[];

const v5: Packet[] = [
  {
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: 'sensor-5', keepalive: 60,
    username: 'ada', password: Buffer.from('s3cret'),
    properties: { sessionExpiryInterval: 300, receiveMaximum: 20, userProperties: { site: 'lab' } },
    will: { topic: 'lab/status', payload: Buffer.from('offline'), qos: 2, retain: false, properties: { willDelayInterval: 5, contentType: 'text/plain' } },
  },
  { cmd: 'connack', sessionPresent: false, reasonCode: 0, properties: { topicAliasMaximum: 10, assignedClientIdentifier: 'auto-1', maximumQoS: 1 } },
  {
    cmd: 'publish', topic: 'lab/json', payload: Buffer.from('{"t":21.5}'), qos: 2, messageId: 11, dup: false, retain: true,
    properties: { payloadFormatIndicator: true, messageExpiryInterval: 60, topicAlias: 3, responseTopic: 'lab/reply', correlationData: Buffer.from([1, 2, 0xff]), contentType: 'application/json', subscriptionIdentifier: 200 },
  },
  { cmd: 'puback', messageId: 11, reasonCode: 0x10, properties: { reasonString: 'nobody listens' } },
  { cmd: 'pubrec', messageId: 12, reasonCode: 0 },
  { cmd: 'pubrel', messageId: 12, reasonCode: 0x92 },
  { cmd: 'pubcomp', messageId: 12 },
  {
    cmd: 'subscribe', messageId: 13, properties: { subscriptionIdentifier: 4 },
    subscriptions: [{ topic: 'lab/#', qos: 1, nl: true, rap: true, rh: 2 }, { topic: 'x', qos: 0 }],
  },
  { cmd: 'suback', messageId: 13, granted: [1, 0x87], properties: { reasonString: 'partly' } },
  { cmd: 'unsubscribe', messageId: 14, unsubscriptions: ['lab/#'], properties: { userProperties: { a: 'b' } } },
  { cmd: 'unsuback', messageId: 14, granted: [0x11] },
  { cmd: 'pingreq' },
  { cmd: 'pingresp' },
  { cmd: 'disconnect', reasonCode: 0x04, properties: { sessionExpiryInterval: 0, serverReference: 'other' } },
  { cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM', authenticationData: Buffer.from('abc') } },
] as Packet[];

export const FIXTURES: Fixture[] = [
  ...v4.map((packet) => ({ name: `3.1.1 ${packet.cmd.toUpperCase()}`, version: 4 as const, packet })),
  ...v5.map((packet) => ({ name: `5.0 ${packet.cmd.toUpperCase()}`, version: 5 as const, packet })),
];
