/** The reason-code check helpers on hand-built records: each passes on the right record and fails on a near miss. */
import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../../../sandbox-broker/src/record-types.ts';
import { refusals, refusedPublishesNotRetried, returnedRefusedTopics } from '../reason-codes.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

/** gateway publishes `ok` (PUBACK 0x00), `denied` (PUBACK 0x87), then whatever `after` adds. */
function gatewayRun(options: { after?: (b: RecordBuilder) => void; outcome?: RunOutcome; deniedCode?: number } = {}) {
  const builder = connected(new RecordBuilder(), 1, 'gateway');
  builder
    .packet(1, 'gateway', 'in', { cmd: 'publish', topic: 'ok', qos: 1, messageId: 1, payload: text('1') })
    .packet(1, 'gateway', 'out', { cmd: 'puback', messageId: 1, reasonCode: 0 })
    .packet(1, 'gateway', 'in', { cmd: 'publish', topic: 'denied', qos: 1, messageId: 2, payload: text('2') })
    .packet(1, 'gateway', 'out', { cmd: 'puback', messageId: 2, reasonCode: options.deniedCode ?? 0x87 });
  options.after?.(builder);
  if (options.outcome) builder.ended(options.outcome);
  return builder.build();
}

describe('refusals', () => {
  it('5.0 §3.4.2.1 pairs each 0x87 PUBACK with the PUBLISH of the same link and Packet Identifier', () => {
    const found = refusals(gatewayRun(), 0x87);
    expect(found.map(({ publish }) => publish.packet['topic'])).toEqual(['denied']);
  });
  it('5.0 §3.5.2.1 also finds a QoS 2 PUBLISH refused in its PUBREC', () => {
    const record = gatewayRun({ after: (b) => b
      .packet(1, 'gateway', 'in', { cmd: 'publish', topic: 'q2', qos: 2, messageId: 3, payload: text('3') })
      .packet(1, 'gateway', 'out', { cmd: 'pubrec', messageId: 3, reasonCode: 0x87 }) });
    expect(refusals(record, 0x87).map(({ publish }) => publish.packet['topic'])).toEqual(['denied', 'q2']);
  });
});

describe('refusedPublishesNotRetried', () => {
  it('passes when the refused PUBLISH is not sent again', () => {
    expect(refusedPublishesNotRetried().run(gatewayRun()).pass).toBe(true);
  });
  it('fails when the refused topic is published again, even on a new connection', () => {
    const record = gatewayRun({ after: (b) => connected(b, 2, 'gateway')
      .packet(2, 'gateway', 'in', { cmd: 'publish', topic: 'denied', qos: 1, messageId: 1, payload: text('2') }) });
    const verdict = refusedPublishesNotRetried().run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('`denied` sent 1 more time after its 0x87');
  });
  it('fails when nothing was refused, so a run without the refusal cannot pass', () => {
    const verdict = refusedPublishesNotRetried().run(gatewayRun({ deniedCode: 0x10 }));
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('no PUBACK carried 0x87');
  });
});

describe('returnedRefusedTopics', () => {
  const returning = (returned: unknown) => returnedRefusedTopics().run(gatewayRun({ outcome: { status: 'completed', returned } }));
  it('5.0 §2.4 passes when the code returns exactly the refused topics', () => {
    expect(returning(['denied']).pass).toBe(true);
  });
  it('fails on a missing, an extra or a repeated topic, and on a list that is not one', () => {
    expect(returning([]).seen).toContain('missing `denied`');
    expect(returning(['denied', 'ok']).seen).toContain('`ok` was not refused');
    expect(returning(['denied', 'denied']).seen).toContain('listed more than once');
    expect(returning('denied').pass).toBe(false);
    expect(returnedRefusedTopics().run(gatewayRun()).seen).toBe('nothing was returned');
  });
  it('fails when nothing was refused on the wire, whatever was returned', () => {
    const record = gatewayRun({ deniedCode: 0, outcome: { status: 'completed', returned: [] } });
    expect(returnedRefusedTopics().run(record).pass).toBe(false);
  });
});
