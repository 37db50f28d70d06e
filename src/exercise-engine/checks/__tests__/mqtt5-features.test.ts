/** The module 7 check helpers on hand-built records: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import {
  answeredEveryRequest, everyDeliveryAcknowledged, inFlightToClientAtMost, ownMessagesNotEchoed, peakInFlight,
  retainedSentOnlyForNewSubscription, subscribedWithOptions,
} from '../mqtt5-features.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

const binary = (bytes: number[]) => ({ base64: Buffer.from(bytes).toString('base64') });

describe('answeredEveryRequest', () => {
  /** kiosk-1 and kiosk-2 send one request each; `respond` lists the responder's PUBLISHes. */
  const run = (respond: Array<{ topic: string; correlation?: number[]; payload?: string }>) => {
    const builder = connected(new RecordBuilder(), 1, 'prices');
    connected(builder, 2, 'kiosk-1');
    connected(builder, 3, 'kiosk-2');
    builder
      .packet(2, 'kiosk-1', 'in', { cmd: 'publish', topic: 'prices/get', qos: 1, messageId: 1, payload: text('A-1'), properties: { responseTopic: 'replies/kiosk-1', correlationData: binary([0xff, 1]) } })
      .packet(3, 'kiosk-2', 'in', { cmd: 'publish', topic: 'prices/get', qos: 1, messageId: 1, payload: text('B-2'), properties: { responseTopic: 'replies/kiosk-2', correlationData: binary([0xff, 2]) } })
      .packet(2, 'kiosk-1', 'in', { cmd: 'publish', topic: 'prices/get', qos: 0, payload: text('not a request') });
    for (const r of respond) {
      builder.packet(1, 'prices', 'in', { cmd: 'publish', topic: r.topic, qos: 1, messageId: 9, payload: text(r.payload ?? ''), ...(r.correlation ? { properties: { correlationData: binary(r.correlation) } } : {}) });
    }
    return answeredEveryRequest({ requestTopic: 'prices/get', answer: (sku) => `price:${sku}` }).run(builder.withPeers('kiosk-1', 'kiosk-2').build());
  };
  const right = [
    { topic: 'replies/kiosk-2', correlation: [0xff, 2], payload: 'price:B-2' },
    { topic: 'replies/kiosk-1', correlation: [0xff, 1], payload: 'price:A-1' },
  ];
  it('5.0 §4.10 passes when each request is answered on its Response Topic with its Correlation Data, in any order', () => {
    expect(run(right).pass).toBe(true);
  });
  it('5.0 [MQTT-3.3.2-16] fails when the Correlation Data is not copied byte for byte', () => {
    const verdict = run([right[0]!, { ...right[1]!, correlation: [0xef, 0xbf, 0xbd, 1] }]);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('0xff01');
  });
  it('fails when the responses go to one fixed topic instead of each Response Topic', () => {
    expect(run(right.map((r) => ({ ...r, topic: 'replies/all' }))).pass).toBe(false);
  });
  it('fails on a wrong answer, and on a request answered twice', () => {
    expect(run([right[0]!, { ...right[1]!, payload: 'price:?' }]).seen).toContain('expected "price:A-1"');
    expect(run([...right, right[1]!]).seen).toContain('2 responses');
  });
  it('fails when there were no requests at all', () => {
    const verdict = answeredEveryRequest({ requestTopic: 'x/get' }).run(connected(new RecordBuilder(), 1, 'p').build());
    expect(verdict.pass).toBe(false);
  });
});

describe('subscribedWithOptions', () => {
  const run = (subscriptions: Array<Record<string, unknown>>) => {
    const builder = connected(new RecordBuilder(), 1, 'ada');
    subscriptions.forEach((s, i) => builder.packet(1, 'ada', 'in', { cmd: 'subscribe', messageId: i + 1, subscriptions: [{ topic: 'chat/lobby/+', qos: 1, ...s }] }));
    return subscribedWithOptions('chat/lobby/+', { nl: true, rh: 1 }).run(builder.build());
  };
  it('5.0 §3.8.3.1 passes when every SUBSCRIBE carries the options', () => expect(run([{ nl: true, rh: 1 }, { nl: true, rh: 1, rap: true }]).pass).toBe(true));
  it('fails when one SUBSCRIBE lacks them', () => {
    const verdict = run([{ nl: true, rh: 1 }, { nl: false, rh: 0 }]);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('No Local 0');
  });
  it('fails without any SUBSCRIBE', () => expect(run([]).pass).toBe(false));
});

describe('ownMessagesNotEchoed', () => {
  const run = (echo: boolean, publish = true) => {
    const builder = connected(new RecordBuilder(), 1, 'ada');
    connected(builder, 2, 'grace');
    if (publish) builder.packet(1, 'ada', 'in', { cmd: 'publish', topic: 'chat/lobby/ada', qos: 1, messageId: 1, payload: text('hi all') });
    builder.packet(1, 'ada', 'out', { cmd: 'publish', topic: 'chat/lobby/grace', qos: 1, messageId: 2, payload: text('hi ada') });
    if (echo) builder.packet(1, 'ada', 'out', { cmd: 'publish', topic: 'chat/lobby/ada', qos: 1, messageId: 3, payload: text('hi all') });
    return ownMessagesNotEchoed('chat/lobby/+').run(builder.withPeers('grace').build());
  };
  it('5.0 [MQTT-3.8.3-3] passes when others’ messages arrive and the client’s own do not', () => expect(run(false).pass).toBe(true));
  it('5.0 [MQTT-3.8.3-3] fails when the client’s own message comes back', () => expect(run(true).seen).toContain('"hi all"'));
  it('fails when the client never published', () => expect(run(false, false).pass).toBe(false));
});

describe('retainedSentOnlyForNewSubscription', () => {
  const run = (subscribes: number, retainedCopies: number) => {
    const builder = connected(new RecordBuilder(), 1, 'ada', false);
    for (let i = 0; i < subscribes; i++) builder.packet(1, 'ada', 'in', { cmd: 'subscribe', messageId: i + 1, subscriptions: [{ topic: 'chat/lobby/+', qos: 1, rh: 1 }] });
    for (let i = 0; i < retainedCopies; i++) builder.packet(1, 'ada', 'out', { cmd: 'publish', topic: 'chat/lobby/pinned', qos: 1, messageId: 5 + i, retain: true, payload: text('rules') });
    builder.packet(1, 'ada', 'out', { cmd: 'publish', topic: 'chat/lobby/pinned', qos: 1, messageId: 9, retain: false, payload: text('live') });
    return retainedSentOnlyForNewSubscription('chat/lobby/pinned').run(builder.build());
  };
  it('5.0 [MQTT-3.3.1-10] passes when a second subscription gets no retained copy', () => expect(run(2, 1).pass).toBe(true));
  it('5.0 [MQTT-3.3.1-9] fails when the retained message is replayed on the second subscription', () => expect(run(2, 2).pass).toBe(false));
  it('fails when the client subscribed only once, and when it got no retained message', () => {
    expect(run(1, 1).seen).toContain('subscribe again');
    expect(run(2, 0).pass).toBe(false);
  });
});

describe('peakInFlight and inFlightToClientAtMost', () => {
  /** `script`: 'p' = broker sends a QoS 1 PUBLISH, 'a' = client acknowledges the oldest one. */
  const build = (script: string, receiveMaximum?: number) => {
    const builder = new RecordBuilder()
      .packet(1, '', 'in', { cmd: 'connect', clientId: 'slow', clean: true, protocolVersion: 5, ...(receiveMaximum ? { properties: { receiveMaximum } } : {}) })
      .packet(1, 'slow', 'out', { cmd: 'connack', reasonCode: 0, sessionPresent: false });
    const open: number[] = [];
    let next = 1;
    for (const step of script) {
      if (step === 'p') {
        open.push(next);
        builder.packet(1, 'slow', 'out', { cmd: 'publish', topic: 'plant/events', qos: 1, messageId: next, payload: text(`e${next}`) });
        next++;
      } else {
        builder.packet(1, 'slow', 'in', { cmd: 'puback', messageId: open.shift() });
      }
    }
    return builder.build();
  };
  it('counts the unacknowledged QoS 1 PUBLISHes at their peak', () => {
    expect(peakInFlight(build('ppapapaa'), 'out', undefined)).toEqual({ peak: 2, sent: 4 });
    expect(peakInFlight(build('pppppaaaaa'), 'out', undefined)).toEqual({ peak: 5, sent: 5 });
  });
  it('a PUBREC with a failure code frees the slot, a successful one does not (5.0 §4.9)', () => {
    const record = new RecordBuilder()
      .packet(1, 'c', 'out', { cmd: 'publish', topic: 't', qos: 2, messageId: 1 })
      .packet(1, 'c', 'in', { cmd: 'pubrec', messageId: 1, reasonCode: 0x80 })
      .packet(1, 'c', 'out', { cmd: 'publish', topic: 't', qos: 2, messageId: 2 })
      .packet(1, 'c', 'in', { cmd: 'pubrec', messageId: 2 })
      .packet(1, 'c', 'out', { cmd: 'publish', topic: 't', qos: 2, messageId: 3 })
      .build();
    expect(peakInFlight(record, 'out', undefined).peak).toBe(2);
  });
  const check = inFlightToClientAtMost(2, { atLeast: 4 });
  it('5.0 [MQTT-3.3.4-9] passes when Receive Maximum 2 was announced and kept', () => expect(check.run(build('ppapapaa', 2)).pass).toBe(true));
  it('fails when no Receive Maximum was announced, or one too large', () => {
    expect(check.run(build('ppapapaa')).seen).toContain('no Receive Maximum');
    expect(check.run(build('ppapapaa', 10)).pass).toBe(false);
  });
  it('fails when more were in flight than allowed, or too few messages were delivered', () => {
    expect(check.run(build('pppaaapa', 2)).seen).toContain('at most 3 unacknowledged');
    expect(check.run(build('papa', 2)).pass).toBe(false);
  });
});

describe('everyDeliveryAcknowledged', () => {
  const run = (ackAll: boolean) => {
    const builder = connected(new RecordBuilder(), 1, 'slow')
      .packet(1, 'slow', 'out', { cmd: 'publish', topic: 'plant/events', qos: 1, messageId: 1, payload: text('e1') })
      .packet(1, 'slow', 'out', { cmd: 'publish', topic: 'plant/events', qos: 1, messageId: 2, payload: text('e2') })
      .packet(1, 'slow', 'in', { cmd: 'puback', messageId: 1 });
    if (ackAll) builder.packet(1, 'slow', 'in', { cmd: 'puback', messageId: 2 });
    return everyDeliveryAcknowledged('plant/events', 2).run(builder.build());
  };
  it('passes when every delivered message was acknowledged', () => expect(run(true).pass).toBe(true));
  it('fails when one was left unacknowledged', () => expect(run(false).seen).toBe('2 different messages delivered, 1 acknowledged'));
});
