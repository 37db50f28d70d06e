import { describe, expect, it } from 'vitest';
import { printed } from '../console.ts';
import { delivered, receivedBy } from '../delivery.ts';
import { ranWithoutError, returned } from '../outcome.ts';
import { willPublished, willPublishedAfterLinkCut } from '../will.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

describe('delivered / receivedBy', () => {
  const record = connected(new RecordBuilder(), 2, 'display')
    .packet(2, 'display', 'out', { cmd: 'publish', topic: 'lab/qos/2', qos: 1, messageId: 1, payload: text('exactly once') })
    .withPeers('display')
    .build();

  it('3.1.1 [MQTT-3.8.4-6] passes when the peer received the message at the capped QoS', () => {
    expect(receivedBy('display', 'lab/qos/2', { qos: 1 }).run(record)).toMatchObject({ pass: true, spec: { statement: 'MQTT-3.8.4-6' } });
  });

  it('3.1.1 [MQTT-3.8.4-6] fails when it was delivered at another QoS, saying at which', () => {
    const verdict = receivedBy('display', 'lab/qos/2', { qos: 2 }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('PUBLISH to `lab/qos/2` at QoS 1 ("exactly once") delivered to `display`');
  });

  it('checks the payload when given', () => {
    expect(delivered({ topic: 'lab/#', to: 'display', payload: 'exactly once' }).run(record).pass).toBe(true);
    expect(delivered({ topic: 'lab/#', to: 'display', payload: 'twice' }).run(record).pass).toBe(false);
  });
});

describe('printed', () => {
  const record = new RecordBuilder().print('received on lab/hello: hello, MQTT').print('oops', 'error').build();
  it('passes on a substring or a pattern', () => {
    expect(printed('hello, MQTT').run(record).pass).toBe(true);
    expect(printed(/^received on \S+: /).run(record).pass).toBe(true);
  });
  it('fails otherwise, listing what was printed', () => {
    expect(printed('bye').run(record).seen).toBe('"received on lab/hello: hello, MQTT" and "oops"');
    expect(printed('hello', { level: 'error' }).run(record).pass).toBe(false);
  });
});

describe('outcome checks', () => {
  it('ranWithoutError passes only for a completed run', () => {
    expect(ranWithoutError().run(new RecordBuilder().ended({ status: 'completed' }).build()).pass).toBe(true);
    const failed = ranWithoutError().run(new RecordBuilder().ended({ status: 'threw', message: 'Error: boom', line: 4 }).build());
    expect(failed).toMatchObject({ pass: false, seen: 'threw: Error: boom (line 4)' });
  });

  it('returned compares structured data', () => {
    const record = new RecordBuilder().ended({ status: 'completed', returned: { count: 3 } }).build();
    expect(returned({ count: 3 }).run(record).pass).toBe(true);
    expect(returned({ count: 4 }).run(record)).toMatchObject({ pass: false, seen: 'returned {"count":3}' });
  });
});

describe('will checks', () => {
  const cut = connected(new RecordBuilder(), 1, 'ada')
    .event('client-disconnected', { clientId: 'ada', linkId: 1, reason: 'link cut by instrument' })
    .event('will-published', { clientId: 'ada', linkId: 1, topic: 'status/ada' })
    .build();
  const clean = connected(new RecordBuilder(), 1, 'ada')
    .packet(1, 'ada', 'in', { cmd: 'disconnect' })
    .event('client-disconnected', { clientId: 'ada', linkId: 1 })
    .event('will-published', { clientId: 'ada', linkId: 1, topic: 'status/ada' })
    .build();

  it('3.1.1 [MQTT-3.1.2-8] willPublishedAfterLinkCut passes when the link dropped without DISCONNECT', () => {
    expect(willPublishedAfterLinkCut({ topic: 'status/+' }).run(cut).pass).toBe(true);
  });

  it('3.1.1 [MQTT-3.1.2-8] willPublishedAfterLinkCut fails for a will after a clean DISCONNECT', () => {
    expect(willPublishedAfterLinkCut({ topic: 'status/+' }).run(clean).pass).toBe(false);
    expect(willPublished({ topic: 'status/+' }).run(clean).pass).toBe(true);
  });

  it('willPublished fails when no will was published', () => {
    expect(willPublished({ topic: 'status/#' }).run(connected(new RecordBuilder(), 1, 'ada').build())).toMatchObject({ pass: false, seen: 'no will published' });
  });
});
