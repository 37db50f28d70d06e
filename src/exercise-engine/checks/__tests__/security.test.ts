import { describe, expect, it } from 'vitest';
import { connectAttemptsAtMost, connectionRefused, publishRefused, stayedWithinRights, subscriptionRefused } from '../security.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

const refusedThenAccepted = () =>
  new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'meter', protocolVersion: 5, username: 'meter' })
    .packet(1, 'meter', 'out', { cmd: 'connack', reasonCode: 0x86, sessionPresent: false })
    .packet(2, '', 'in', { cmd: 'connect', clientId: 'meter', protocolVersion: 5, username: 'meter' })
    .packet(2, 'meter', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false });

describe('connectionRefused', () => {
  it('5.0 §3.2.2.2 passes when a CONNACK carried 0x86', () => {
    expect(connectionRefused({ codes: [0x86] }).run(refusedThenAccepted().build()).pass).toBe(true);
  });

  it('3.1.1 §3.2.2.3 passes on return code 4 and fails when every CONNECT was accepted', () => {
    const refused311 = new RecordBuilder()
      .packet(1, '', 'in', { cmd: 'connect', clientId: 'old', protocolVersion: 4 })
      .packet(1, 'old', 'out', { cmd: 'connack', returnCode: 4, sessionPresent: false })
      .build();
    expect(connectionRefused({ codes: [4] }).run(refused311).pass).toBe(true);
    const verdict = connectionRefused({ codes: [0x86] }).run(connected(new RecordBuilder(), 1, 'ada').build());
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('CONNECT accepted');
  });
});

describe('connectAttemptsAtMost', () => {
  it('passes for a refusal and one retry, fails for a reconnect storm', () => {
    expect(connectAttemptsAtMost(2).run(refusedThenAccepted().build()).pass).toBe(true);
    const storm = refusedThenAccepted()
      .packet(3, '', 'in', { cmd: 'connect', clientId: 'meter', protocolVersion: 5 })
      .packet(3, 'meter', 'out', { cmd: 'connack', reasonCode: 0x86, sessionPresent: false })
      .build();
    const verdict = connectAttemptsAtMost(2).run(storm);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('3 CONNECT packets');
  });
});

const subscribeWith = (granted: number) =>
  connected(new RecordBuilder(), 1, 'thief')
    .packet(1, 'thief', 'in', { cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: 'own/cmd', qos: 1 }, { topic: '#', qos: 1 }] })
    .packet(1, 'thief', 'out', { cmd: 'suback', messageId: 3, granted: [1, granted] })
    .withPeers('thief')
    .build();

describe('subscriptionRefused', () => {
  it('5.0 §3.9.3 passes when the filter got 0x87, reading the code at the filter\'s position', () => {
    expect(subscriptionRefused('#', { client: 'thief' }).run(subscribeWith(0x87)).pass).toBe(true);
  });

  it('3.1.1 §3.9.3 passes on 0x80', () => {
    expect(subscriptionRefused('#', { client: 'thief' }).run(subscribeWith(0x80)).pass).toBe(true);
  });

  it('fails and says so when the filter was granted', () => {
    const verdict = subscriptionRefused('#', { client: 'thief' }).run(subscribeWith(1));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('the rule lets it through');
  });

  it('fails when the filter was never asked for', () => {
    expect(subscriptionRefused('devices/+/cmd', { client: 'thief' }).run(subscribeWith(0x87)).pass).toBe(false);
  });
});

const forged = (denied: boolean, leaked: boolean) => {
  const builder = connected(new RecordBuilder(), 1, 'thief');
  connected(builder, 2, 'dashboard')
    .packet(1, 'thief', 'in', { cmd: 'publish', topic: 'devices/a/telemetry', qos: 1, messageId: 5, payload: text('forged') });
  if (denied) builder.event('publish-denied', { clientId: 'thief', linkId: 1, topic: 'devices/a/telemetry', reasonCode: 0x87 });
  if (leaked) builder.packet(2, 'dashboard', 'out', { cmd: 'publish', topic: 'devices/a/telemetry', qos: 1, messageId: 9, payload: text('forged') });
  return builder.withPeers('thief', 'dashboard').build();
};

describe('publishRefused', () => {
  it('3.1.1 [MQTT-3.3.5-2] / 5.0 §3.4.2.1 passes when the broker denied the PUBLISH and nobody got it', () => {
    expect(publishRefused('devices/a/telemetry', { client: 'thief' }).run(forged(true, false)).pass).toBe(true);
  });

  it('fails when the broker let it through', () => {
    const verdict = publishRefused('devices/a/telemetry', { client: 'thief' }).run(forged(false, true));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('delivered to `dashboard`');
  });

  it('fails when a denied message still reached a subscriber', () => {
    expect(publishRefused('devices/a/telemetry', { client: 'thief' }).run(forged(true, true)).pass).toBe(false);
  });
});

describe('stayedWithinRights', () => {
  it('5.0 §5.4.2 passes with no denials, fails on a denied subscription', () => {
    expect(stayedWithinRights().run(connected(new RecordBuilder(), 1, 'meter').build()).pass).toBe(true);
    const denied = connected(new RecordBuilder(), 1, 'meter').event('subscription-denied', { clientId: 'meter', topic: 'site/#', reasonCode: 0x87 }).build();
    const verdict = stayedWithinRights().run(denied);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('SUBSCRIBE to `site/#` refused');
  });

  it('fails when the client never connected', () => {
    expect(stayedWithinRights().run(new RecordBuilder().build()).pass).toBe(false);
  });
});
