/** The module 3 check helpers on hand-built records: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import {
  noMessageLostWhileOffline, publishedOnlyAt, returnedEachDeliveryOnce, sessionResumed,
} from '../reliability.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

describe('publishedOnlyAt', () => {
  const run = (levels: number[], count?: number) => {
    const builder = connected(new RecordBuilder(), 1, 'gw');
    levels.forEach((qos, i) => builder.packet(1, 'gw', 'in', { cmd: 'publish', topic: 'plant/t', qos, ...(qos ? { messageId: i + 1 } : {}) }));
    return publishedOnlyAt('plant/t', 0, count === undefined ? {} : { count }).run(builder.build());
  };
  it('3.1.1 §4.3 passes when every PUBLISH of the stream is at the chosen QoS', () => expect(run([0, 0, 0], 3).pass).toBe(true));
  it('3.1.1 §4.3 fails when one message of the stream went at another QoS', () => {
    const verdict = run([0, 1, 0], 3);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('1 at QoS 1');
  });
  it('fails on the wrong number of messages, and on none', () => {
    expect(run([0, 0], 3).pass).toBe(false);
    expect(run([]).pass).toBe(false);
  });
});

describe('sessionResumed', () => {
  const record = (clean: boolean, sessionPresent: boolean) => new RecordBuilder()
    .packet(1, '', 'in', { cmd: 'connect', clientId: 'w', clean, protocolVersion: 5 })
    .packet(1, 'w', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent })
    .build();
  it('3.1.1 [MQTT-3.2.2-2] passes on clean 0 answered by Session Present 1', () => expect(sessionResumed().run(record(false, true)).pass).toBe(true));
  it('3.1.1 [MQTT-3.2.2-3] fails when the broker had no session (Session Present 0)', () => expect(sessionResumed().run(record(false, false)).pass).toBe(false));
  it('fails on a clean-start connection', () => expect(sessionResumed().run(record(true, false)).pass).toBe(false));
});

describe('noMessageLostWhileOffline', () => {
  /** worker subscribes, goes offline, dispatcher publishes a (online) and b (offline), worker returns. */
  const build = (deliverAfterReturn: string[], reconnect = true) => {
    const builder = connected(new RecordBuilder(), 1, 'worker', false)
      .packet(1, 'worker', 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'shop/orders', qos: 1 }] })
      .packet(1, 'worker', 'out', { cmd: 'suback', messageId: 1, granted: [1] });
    connected(builder, 2, 'dispatcher')
      .packet(2, 'dispatcher', 'in', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 5, payload: text('a') })
      .packet(1, 'worker', 'out', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 9, payload: text('a') })
      .event('client-disconnected', { clientId: 'worker', linkId: 1 })
      .packet(2, 'dispatcher', 'in', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 6, payload: text('b') });
    if (reconnect) connected(builder, 3, 'worker', false);
    for (const payload of deliverAfterReturn) builder.packet(3, 'worker', 'out', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 10, payload: text(payload) });
    return builder.withPeers('dispatcher').build();
  };
  const check = noMessageLostWhileOffline({ topic: 'shop/orders', from: 'dispatcher', client: 'worker' });
  it('3.1.1 [MQTT-3.1.2-5] passes when the message published while offline arrives after the return', () => expect(check.run(build(['b'])).pass).toBe(true));
  it('3.1.1 [MQTT-3.1.2-5] fails when the message published while offline never arrives', () => {
    const verdict = check.run(build([]));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('"b"');
  });
  it('fails when the client never went offline during publishing', () => {
    const online = connected(new RecordBuilder(), 1, 'worker', false)
      .packet(1, 'worker', 'in', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'shop/orders', qos: 1 }] })
      .packet(2, 'dispatcher', 'in', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 5, payload: text('a') })
      .packet(1, 'worker', 'out', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 9, payload: text('a') })
      .withPeers('dispatcher').build();
    expect(check.run(online).pass).toBe(false);
  });
});

describe('returnedEachDeliveryOnce', () => {
  const record = (returned: unknown) => connected(new RecordBuilder(), 1, 'w')
    .packet(1, 'w', 'out', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 1, payload: text('o1') })
    .packet(1, 'w', 'out', { cmd: 'publish', topic: 'shop/orders', qos: 1, messageId: 2, payload: text('o2') })
    .ended({ status: 'completed', returned })
    .build();
  const check = returnedEachDeliveryOnce('shop/orders');
  it('passes when every delivered payload was handled once', () => expect(check.run(record(['o1', 'o2'])).pass).toBe(true));
  it('fails when a delivered message was not handled', () => expect(check.run(record(['o2'])).seen).toContain('not handled: "o1"'));
  it('fails when a message was handled twice', () => expect(check.run(record(['o1', 'o2', 'o2'])).pass).toBe(false));
  it('fails when nothing was returned', () => expect(check.run(record(undefined)).pass).toBe(false));
});
