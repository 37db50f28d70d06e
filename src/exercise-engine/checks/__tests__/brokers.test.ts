import { describe, expect, it } from 'vitest';
import { brokerDisconnected, connackAnnounces, connectedToNode, deliveriesAcknowledged, notDelivered } from '../brokers.ts';
import { RecordBuilder, text } from './record-builder.ts';

describe('connackAnnounces', () => {
  const record = new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'gw', protocolVersion: 5 })
    .packet(1, 'gw', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false, properties: { maximumQoS: 1, maximumPacketSize: 1024, serverKeepAlive: 30 } })
    .build();

  it('5.0 §3.2.2.3 passes when the CONNACK carries the configured limits; an absent Retain Available reads as available', () => {
    expect(connackAnnounces({ maximumQoS: 1, maximumPacketSize: 1024, serverKeepAlive: 30, retainAvailable: true }, { client: 'gw' }).run(record).pass).toBe(true);
  });

  it('fails, saying what was announced, when a limit differs or is missing', () => {
    const verdict = connackAnnounces({ maximumPacketSize: 2048 }, { client: 'gw' }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('Maximum Packet Size 1024');
    expect(connackAnnounces({ retainAvailable: false }, { client: 'gw' }).run(record).pass).toBe(false);
  });
});

describe('brokerDisconnected', () => {
  it('5.0 §3.14.2.1 passes on the broker\'s DISCONNECT with that reason code, fails when the connection stayed up', () => {
    const cut = new RecordBuilder().packet(1, 'big', 'out', { cmd: 'disconnect', reasonCode: 0x95 }).build();
    expect(brokerDisconnected(0x95, { client: 'big', why: 'packet too large' }).run(cut).pass).toBe(true);
    const verdict = brokerDisconnected(0x95, { client: 'big', why: 'packet too large' }).run(new RecordBuilder().build());
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('stayed up');
  });
});

describe('connectedToNode', () => {
  const record = new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'dev', protocolVersion: 5 })
    .packet(1, 'dev', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false }).atNode('a')
    .packet(2, '', 'in', { cmd: 'connect', clientId: 'dev', protocolVersion: 5 })
    .packet(2, 'dev', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: true }).atNode('b')
    .build();

  it('passes for the first connection on a, and a later one on b with Session Present 1', () => {
    expect(connectedToNode('a', { client: 'dev' }).run(record).pass).toBe(true);
    expect(connectedToNode('b', { client: 'dev', nth: 'any-later', sessionPresent: true }).run(record).pass).toBe(true);
  });

  it('5.0 [MQTT-3.2.2-3] fails when the later connection had no session, or the first was elsewhere', () => {
    expect(connectedToNode('b', { client: 'dev', nth: 'any-later', sessionPresent: false }).run(record).pass).toBe(false);
    const verdict = connectedToNode('b', { client: 'dev' }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('CONNACK on node a with Session Present 0 and CONNACK on node b with Session Present 1');
  });
});

describe('notDelivered', () => {
  const record = new RecordBuilder().packet(3, 'central', 'out', { cmd: 'publish', topic: 'shops/shop-7/internal/log', qos: 0, payload: text('drawer opened') }).build();

  it('fails when a matching message reached the client, passes when none did', () => {
    expect(notDelivered({ topic: '#', to: 'central', payload: 'drawer opened', because: 'internal' }).run(record).pass).toBe(false);
    expect(notDelivered({ topic: 'cmd/#', to: 'central', because: 'not bridged' }).run(record).pass).toBe(true);
  });
});

describe('deliveriesAcknowledged', () => {
  it('3.1.1 [MQTT-4.3.2-2] passes when every QoS 1 delivery has its PUBACK on the same link, fails when one has none', () => {
    const acked = new RecordBuilder()
      .packet(1, 'dev', 'out', { cmd: 'publish', topic: 'cmd', qos: 1, messageId: 1, payload: text('c1') })
      .packet(1, 'dev', 'in', { cmd: 'puback', messageId: 1 });
    expect(deliveriesAcknowledged({ client: 'dev' }).run(acked.build()).pass).toBe(true);
    const open = acked.packet(1, 'dev', 'out', { cmd: 'publish', topic: 'cmd', qos: 1, messageId: 2, payload: text('c2') }).build();
    const verdict = deliveriesAcknowledged({ client: 'dev' }).run(open);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('"c2"');
  });
});
