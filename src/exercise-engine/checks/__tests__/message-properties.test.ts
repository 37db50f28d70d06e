/** The message-property check helpers on hand-built records: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import { everyPublishCarries, returnedUserPropertyValues, staleMessageNotDelivered, userPropertyValues } from '../message-properties.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

const WANT = { messageExpiryInterval: 2, userProperties: ['trace-id'], contentType: 'application/json' } as const;
const GOOD = { messageExpiryInterval: 2, userProperties: { 'trace-id': 'a1' }, contentType: 'application/json' };

function commands(...properties: Array<Record<string, unknown> | undefined>) {
  const builder = connected(new RecordBuilder(), 1, 'controller');
  properties.forEach((p, i) => builder.packet(1, 'controller', 'in', { cmd: 'publish', topic: 'cmd', qos: 1, messageId: i + 1, payload: text(`c${i}`), ...(p ? { properties: p } : {}) }));
  return builder.build();
}

describe('userPropertyValues', () => {
  it('reads a single value and a repeated name', () => {
    const builder = connected(new RecordBuilder(), 1, 'c').packet(1, 'c', 'in', { cmd: 'publish', topic: 't', properties: { userProperties: { a: 'x', b: ['y', 'z'] } } });
    const [, , entry] = builder.build().entries;
    if (entry?.kind !== 'packet') throw new Error('no packet');
    expect(userPropertyValues(entry, 'a')).toEqual(['x']);
    expect(userPropertyValues(entry, 'b')).toEqual(['y', 'z']);
    expect(userPropertyValues(entry, 'c')).toEqual([]);
  });
});

describe('everyPublishCarries', () => {
  it('5.0 §3.3.2.3 passes when every PUBLISH carries the expiry, the user property and the content type', () => {
    expect(everyPublishCarries('cmd', WANT).run(commands(GOOD, { ...GOOD, userProperties: { 'trace-id': 'b2' } })).pass).toBe(true);
  });
  it('fails when one PUBLISH lacks a property or has another value, naming what is wrong', () => {
    const verdict = everyPublishCarries('cmd', WANT).run(commands(GOOD, { ...GOOD, messageExpiryInterval: 10, contentType: undefined }));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('Message Expiry Interval 10 s and no Content Type');
    expect(everyPublishCarries('cmd', WANT).run(commands(GOOD, undefined)).seen).toContain('no `trace-id`');
    expect(everyPublishCarries('cmd', WANT).run(commands(GOOD, { ...GOOD, userProperties: { 'trace-id': '' } })).pass).toBe(false);
  });
  it('fails when nothing was published', () => {
    expect(everyPublishCarries('cmd', WANT).run(commands()).pass).toBe(false);
  });
});

describe('staleMessageNotDelivered', () => {
  const run = (deliver: boolean, publish = true) => {
    const builder = connected(new RecordBuilder(), 1, 'controller');
    connected(builder, 2, 'pump');
    if (publish) builder.packet(1, 'controller', 'in', { cmd: 'publish', topic: 'cmd', qos: 1, messageId: 1, payload: text('old'), properties: { messageExpiryInterval: 2 } });
    if (deliver) builder.packet(2, 'pump', 'out', { cmd: 'publish', topic: 'cmd', qos: 1, messageId: 1, payload: text('old'), properties: { messageExpiryInterval: 1 } });
    else builder.event('message-expired', { clientId: 'pump', topic: 'cmd' });
    return staleMessageNotDelivered({ topic: 'cmd', payload: 'old', to: 'pump' }).run(builder.withPeers('pump').build());
  };
  it('5.0 [MQTT-3.3.2-5] passes when the broker dropped the expired message', () => {
    const verdict = run(false);
    expect(verdict.pass).toBe(true);
    expect(verdict.seen).toContain('dropped 1 expired message');
  });
  it('fails when it was delivered, and when it was never published', () => {
    expect(run(true).seen).toContain('1 s left');
    expect(run(false, false).pass).toBe(false);
  });
});

describe('returnedUserPropertyValues', () => {
  const run = (returned: unknown, traces: Array<string | undefined> = ['a1', 'b2']) => {
    const builder = connected(new RecordBuilder(), 1, 'pump');
    traces.forEach((trace, i) => builder.packet(1, 'pump', 'in', { cmd: 'publish', topic: 'acks', qos: 1, messageId: i + 1, payload: text('ok'), ...(trace ? { properties: { userProperties: { 'trace-id': trace } } } : {}) }));
    return returnedUserPropertyValues({ topic: 'acks', from: 'pump', name: 'trace-id' }).run(builder.withPeers('pump').ended({ status: 'completed', returned }).build());
  };
  it('5.0 §3.3.2.3.7 passes when the code returns the trace ids on the wire, in any order', () => {
    expect(run(['b2', 'a1']).pass).toBe(true);
  });
  it('fails on a missing or an extra trace id, and when the acknowledgements carried none', () => {
    expect(run(['a1']).pass).toBe(false);
    expect(run(['a1', 'b2', 'c3']).pass).toBe(false);
    expect(run([], [undefined]).seen).toContain('carried no `trace-id`');
  });
});
