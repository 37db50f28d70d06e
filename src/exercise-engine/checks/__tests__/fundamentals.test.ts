import { describe, expect, it } from 'vitest';
import { connectProperty, receivedExactly, subscriptionRefused } from '../fundamentals.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

/** `dashboard` connected on link 1, then the broker delivered one PUBLISH per topic to it. */
const deliveries = (...topics: string[]) => {
  const builder = connected(new RecordBuilder(), 1, 'dashboard');
  topics.forEach((topic) => builder.packet(1, 'dashboard', 'out', { cmd: 'publish', topic, qos: 0, payload: text('21.5') }));
  return builder.build();
};

describe('receivedExactly', () => {
  const check = receivedExactly('dashboard', ['home/kitchen/temperature', 'home/garage/temperature']);

  it('3.1.1 §3.3.5 passes when each expected copy arrived once, in any order', () => {
    expect(check.run(deliveries('home/garage/temperature', 'home/kitchen/temperature')).pass).toBe(true);
  });

  it('fails and names the missing copy', () => {
    const verdict = check.run(deliveries('home/kitchen/temperature'));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('missing `home/garage/temperature`');
  });

  it('fails and names a copy its filters should not have matched', () => {
    const verdict = check.run(deliveries('home/kitchen/temperature', 'home/garage/temperature', 'home/kitchen/humidity'));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('extra `home/kitchen/humidity`');
  });

  it('fails on a second copy of the same message', () => {
    const verdict = check.run(deliveries('home/kitchen/temperature', 'home/garage/temperature', 'home/garage/temperature'));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('extra `home/garage/temperature`');
  });

  it('ignores copies delivered to other clients and packets the client sent', () => {
    const record = connected(connected(new RecordBuilder(), 1, 'dashboard'), 2, 'logger')
      .packet(2, 'logger', 'out', { cmd: 'publish', topic: 'home/kitchen/humidity', qos: 0 })
      .packet(1, 'dashboard', 'in', { cmd: 'publish', topic: 'home/kitchen/humidity', qos: 0 })
      .packet(1, 'dashboard', 'out', { cmd: 'publish', topic: 'home/kitchen/temperature', qos: 0 })
      .packet(1, 'dashboard', 'out', { cmd: 'publish', topic: 'home/garage/temperature', qos: 0 })
      .build();
    expect(check.run(record).pass).toBe(true);
  });

  it('says so when nothing at all was delivered', () => {
    expect(check.run(deliveries()).seen).toBe('no message delivered to `dashboard`');
  });
});

const refusal = (granted: number[]) =>
  connected(new RecordBuilder(), 1, 'ada')
    .packet(1, 'ada', 'in', { cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: 'factory/public/status', qos: 1 }, { topic: 'factory/secret/valves', qos: 1 }] })
    .packet(1, 'ada', 'out', { cmd: 'suback', messageId: 3, granted })
    .build();

describe('subscriptionRefused', () => {
  const check = subscriptionRefused('factory/secret/valves', { reasonCode: 0x87 });

  it('5.0 §3.9.3 passes when the SUBACK code at that filter\'s position is 0x87 Not authorized', () => {
    expect(check.run(refusal([1, 0x87])).pass).toBe(true);
  });

  it('3.1.1 §3.9.3 fails on the 3.1.1 refusal 0x80, which does not say why', () => {
    const verdict = check.run(refusal([1, 0x80]));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('SUBSCRIBE to `factory/secret/valves` answered with reason code 0x80');
  });

  it('reads the code at the filter\'s own position, not another filter\'s', () => {
    expect(check.run(refusal([0x87, 1])).pass).toBe(false);
  });

  it('fails when the filter was never subscribed to', () => {
    expect(check.run(connected(new RecordBuilder(), 1, 'ada').build()).seen).toBe('no SUBSCRIBE to `factory/secret/valves`');
  });
});

const connectWith = (protocolVersion: number, properties: Record<string, unknown> | undefined, reasonCode = 0) =>
  new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'ada', protocolVersion, clean: true, ...(properties ? { properties } : {}) })
    .packet(1, 'ada', 'out', { cmd: 'connack', reasonCode, sessionPresent: false })
    .build();

describe('connectProperty', () => {
  const check = connectProperty('sessionExpiryInterval', 300);

  it('5.0 §3.1.2.11.2 passes for an accepted 5.0 CONNECT with Session Expiry Interval 300', () => {
    expect(check.run(connectWith(5, { sessionExpiryInterval: 300 })).pass).toBe(true);
  });

  it('fails for another value, and says which value was sent', () => {
    const verdict = check.run(connectWith(5, { sessionExpiryInterval: 60 }));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('CONNECT from `ada` at protocol level 5 with sessionExpiryInterval = 60');
  });

  it('fails for a 3.1.1 CONNECT, which has no properties', () => {
    expect(check.run(connectWith(4, undefined)).seen).toBe('CONNECT from `ada` at protocol level 4 without sessionExpiryInterval');
  });

  it('fails when the broker refused the connection', () => {
    expect(check.run(connectWith(5, { sessionExpiryInterval: 300 }, 0x87)).pass).toBe(false);
  });
});
