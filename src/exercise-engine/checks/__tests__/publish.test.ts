import { describe, expect, it } from 'vitest';
import { publishAcknowledged, publishHandshake, published } from '../publish.ts';
import { connected, RecordBuilder, text } from './record-builder.ts';

const learner = () => connected(new RecordBuilder(), 1, 'ada');

describe('publishHandshake', () => {
  it('3.1.1 §4.3.1 QoS 0: passes for a PUBLISH without packet identifier', () => {
    const record = learner().packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/qos/0', qos: 0, payload: text('x') }).build();
    expect(publishHandshake({ topic: 'lab/qos/0', qos: 0 }).run(record).pass).toBe(true);
  });

  it('3.1.1 §4.3.1 QoS 0: fails when the PUBLISH was sent at another QoS', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/qos/0', qos: 1, messageId: 1, payload: text('x') })
      .packet(1, 'ada', 'out', { cmd: 'puback', messageId: 1 })
      .build();
    const verdict = publishHandshake({ topic: 'lab/qos/0', qos: 0 }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toBe('PUBLISH to `lab/qos/0` at QoS 1 ("x")');
  });

  it('3.1.1 [MQTT-4.3.2-2] QoS 1: passes when PUBACK carries the PUBLISH\'s packet identifier', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/hello', qos: 1, messageId: 9, payload: text('hello, MQTT') })
      .packet(1, 'ada', 'out', { cmd: 'puback', messageId: 9 })
      .build();
    const check = publishAcknowledged({ topic: 'lab/hello', qos: 1, payload: 'hello, MQTT' });
    expect(check.run(record)).toMatchObject({ pass: true, spec: { version: '3.1.1', statement: 'MQTT-4.3.2-2' } });
    expect(check.title).toBe('PUBLISH to `lab/hello` at QoS 1 with payload "hello, MQTT" was acknowledged with PUBACK');
  });

  it('3.1.1 [MQTT-4.3.2-2] QoS 1: fails when the PUBACK is for another packet identifier', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/hello', qos: 1, messageId: 9, payload: text('hi') })
      .packet(1, 'ada', 'out', { cmd: 'puback', messageId: 10 })
      .build();
    const verdict = publishAcknowledged({ topic: 'lab/hello', qos: 1 }).run(record);
    expect(verdict).toMatchObject({ pass: false, seen: 'PUBLISH to `lab/hello` at QoS 1 ("hi"): no PUBACK for packet id 9' });
  });

  it('5.0 §4.3.2 QoS 1: fails when PUBACK carries an error reason code', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/hello', qos: 1, messageId: 9, payload: text('hi') })
      .packet(1, 'ada', 'out', { cmd: 'puback', messageId: 9, reasonCode: 0x87 })
      .build();
    expect(publishAcknowledged({ topic: 'lab/hello', qos: 1 }).run(record).seen).toContain('PUBACK refused it (reason 0x87)');
  });

  it('3.1.1 [MQTT-4.3.3-2] QoS 2: passes for PUBLISH → PUBREC → PUBREL → PUBCOMP', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/qos/2', qos: 2, messageId: 3, payload: text('x') })
      .packet(1, 'ada', 'out', { cmd: 'pubrec', messageId: 3 })
      .packet(1, 'ada', 'in', { cmd: 'pubrel', messageId: 3 })
      .packet(1, 'ada', 'out', { cmd: 'pubcomp', messageId: 3 })
      .build();
    expect(publishHandshake({ topic: 'lab/qos/2', qos: 2 }).run(record).pass).toBe(true);
  });

  it('3.1.1 [MQTT-4.3.3-2] QoS 2: fails when the client never sent PUBREL, naming the missing step', () => {
    const record = learner()
      .packet(1, 'ada', 'in', { cmd: 'publish', topic: 'lab/qos/2', qos: 2, messageId: 3, payload: text('x') })
      .packet(1, 'ada', 'out', { cmd: 'pubrec', messageId: 3 })
      .build();
    expect(publishHandshake({ topic: 'lab/qos/2', qos: 2 }).run(record).seen).toContain('the client never sent PUBREL for packet id 3');
  });

  it('matches a wildcard topic filter against the published topic', () => {
    const record = learner().packet(1, 'ada', 'in', { cmd: 'publish', topic: 'sensors/k/temp', qos: 0, payload: text('21') }).build();
    expect(published({ topic: 'sensors/+/temp', qos: 0 }).run(record).pass).toBe(true);
    expect(published({ topic: 'sensors/+/humidity' }).run(record).pass).toBe(false);
  });

  it('ignores PUBLISH packets of scenario peers', () => {
    const record = connected(new RecordBuilder(), 1, 'sensor')
      .packet(1, 'sensor', 'in', { cmd: 'publish', topic: 'a', qos: 0, payload: text('x') })
      .withPeers('sensor')
      .build();
    expect(published({ topic: 'a' }).run(record).pass).toBe(false);
  });
});
