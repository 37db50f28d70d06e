import { describe, expect, it } from 'vitest';
import { subscribed } from '../subscription.ts';
import { connected, RecordBuilder } from './record-builder.ts';

const subscribe = (topic: string, qos: number, granted: number) =>
  connected(new RecordBuilder(), 1, 'ada')
    .packet(1, 'ada', 'in', { cmd: 'subscribe', messageId: 7, subscriptions: [{ topic: 'other', qos: 0 }, { topic, qos }] })
    .packet(1, 'ada', 'out', { cmd: 'suback', messageId: 7, granted: [0, granted] })
    .build();

describe('subscribed', () => {
  it('3.1.1 §3.9 passes when SUBACK granted the requested QoS for that filter', () => {
    expect(subscribed('sensors/+/temp', { qos: 1 }).run(subscribe('sensors/+/temp', 1, 1)).pass).toBe(true);
  });

  it('3.1.1 §3.9 fails when the broker granted a lower QoS than required', () => {
    const verdict = subscribed('sensors/+/temp', { qos: 1 }).run(subscribe('sensors/+/temp', 1, 0));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('SUBSCRIBE to `sensors/+/temp` at QoS 1 (granted QoS 0)');
  });

  it('3.1.1 §3.9 fails when the subscription was refused (0x80)', () => {
    const verdict = subscribed('sensors/+/temp').run(subscribe('sensors/+/temp', 1, 0x80));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('refused (0x80)');
  });

  it('fails for a different filter, even one that overlaps', () => {
    expect(subscribed('sensors/+/temp', { qos: 1 }).run(subscribe('sensors/#', 1, 1)).pass).toBe(false);
  });

  it('fails with "no SUBSCRIBE packet" when none was sent', () => {
    expect(subscribed('a').run(connected(new RecordBuilder(), 1, 'ada').build()).seen).toBe('no SUBSCRIBE packet');
  });
});
