/** Module 2 check helpers on records of real runs: real MQTT.js against the real sandbox broker. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import { runInNode } from '../../runner/run-in-node.ts';
import {
  connectedWithWill, declaredPayloadFormat, noRetainedAfterClear, notReceived, receivedExactlyTopics, receivedRetained, retainedCleared,
} from '../topics-and-messages.ts';

describe('retained-message checks on a real run', () => {
  let setReplaceClear: RunRecord;
  let neverCleared: RunRecord;

  beforeAll(async () => {
    setReplaceClear = await runInNode(`
      import mqtt from 'mqtt';
      const owner = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'owner' });
      await owner.publishAsync('home/hall/setpoint', '20', { qos: 1, retain: true });
      await owner.publishAsync('home/hall/setpoint', '22', { qos: 1, retain: true });
      const late = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'late' });
      await late.subscribeAsync('home/+/setpoint', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await owner.publishAsync('home/hall/setpoint', '', { qos: 1, retain: true });
      const later = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'later' });
      await later.subscribeAsync('home/hall/setpoint', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([owner.endAsync(), late.endAsync(), later.endAsync()]);
    `);
    neverCleared = await runInNode(`
      import mqtt from 'mqtt';
      const owner = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'owner' });
      await owner.publishAsync('home/hall/setpoint', '20', { qos: 1, retain: true });
      await owner.publishAsync('home/hall/setpoint', '', { qos: 1, retain: false });
      const later = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'later' });
      await later.subscribeAsync('home/hall/setpoint', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([owner.endAsync(), later.endAsync()]);
    `);
  }, 20_000);

  it('5.0 §3.3.1.3 notReceived passes for the replaced value, fails for the one the late subscriber got', () => {
    expect(notReceived({ topic: 'home/hall/setpoint', payload: '20', to: 'late', because: 'replaced' }).run(setReplaceClear).pass).toBe(true);
    expect(notReceived({ topic: 'home/hall/setpoint', payload: '22', to: 'late', because: 'replaced' }).run(setReplaceClear).pass).toBe(false);
  });

  it('3.1.1 [MQTT-3.3.1-8] receivedRetained passes for the replaced value delivered with RETAIN = 1, fails for the replaced-away one', () => {
    expect(receivedRetained({ topic: 'home/hall/setpoint', payload: '22', to: 'late' }).run(setReplaceClear).pass).toBe(true);
    expect(receivedRetained({ topic: 'home/hall/setpoint', payload: '20', to: 'late' }).run(setReplaceClear).pass).toBe(false);
  });

  it('3.1.1 [MQTT-3.3.1-9] receivedRetained fails for a message forwarded on an established subscription (RETAIN = 0)', () => {
    // `late` also received the zero-length clear, live, with RETAIN = 0.
    expect(receivedRetained({ topic: 'home/hall/setpoint', payload: '', to: 'late' }).run(setReplaceClear).pass).toBe(false);
  });

  it('3.1.1 [MQTT-3.3.1-10] retainedCleared passes for a zero-length retained PUBLISH, fails for a zero-length non-retained one', () => {
    expect(retainedCleared({ topic: 'home/hall/setpoint' }).run(setReplaceClear).pass).toBe(true);
    const verdict = retainedCleared({ topic: 'home/hall/setpoint' }).run(neverCleared);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('RETAIN = 0');
  });

  it('3.1.1 [MQTT-3.3.1-11] noRetainedAfterClear passes when a later subscription gets nothing; fails without a clear', () => {
    expect(noRetainedAfterClear({ topic: 'home/hall/setpoint' }).run(setReplaceClear).pass).toBe(true);
    expect(noRetainedAfterClear({ topic: 'home/hall/setpoint' }).run(neverCleared).pass).toBe(false);
  });

  it('3.1.1 [MQTT-3.3.1-12] a non-retained empty PUBLISH leaves the retained message: the later subscriber still gets it', () => {
    expect(receivedRetained({ topic: 'home/hall/setpoint', payload: '20', to: 'later' }).run(neverCleared).pass).toBe(true);
  });
});

describe('will and payload-format checks on a real run', () => {
  let record: RunRecord;

  beforeAll(async () => {
    record = await runInNode(`
      import mqtt from 'mqtt';
      const pump = await mqtt.connectAsync('mqtt://sandbox', {
        clientId: 'pump', protocolVersion: 5, reconnectPeriod: 0,
        will: { topic: 'plant/pump/status', payload: 'offline', qos: 1, retain: true },
      });
      await pump.publishAsync('plant/pump/reading', JSON.stringify({ rpm: 900 }), {
        qos: 1, properties: { payloadFormatIndicator: true, contentType: 'application/json' },
      });
      await pump.publishAsync('plant/pump/raw', new Uint8Array([0xff, 0x00]), { qos: 1 });
      await pump.publishAsync('plant/pump/fake', new Uint8Array([0xff, 0x00]), { qos: 1, properties: { payloadFormatIndicator: true } });
      await pump.endAsync();
    `);
  }, 20_000);

  it('3.1.1 [MQTT-3.1.2-17] connectedWithWill matches topic, payload, QoS and Will Retain; a wrong flag fails', () => {
    expect(connectedWithWill({ topic: 'plant/pump/status', payload: 'offline', qos: 1, retain: true }).run(record).pass).toBe(true);
    expect(connectedWithWill({ topic: 'plant/pump/status', retain: false }).run(record).pass).toBe(false);
    expect(connectedWithWill({ topic: 'plant/pump/status', qos: 2 }).run(record).pass).toBe(false);
  });

  it('5.0 §3.3.2.3.2 / §3.3.2.3.9 declaredPayloadFormat passes for JSON declared as UTF-8 application/json', () => {
    expect(declaredPayloadFormat({ topic: 'plant/pump/reading', utf8: true, contentType: 'application/json', json: true }).run(record).pass).toBe(true);
    expect(declaredPayloadFormat({ topic: 'plant/pump/reading', utf8: true, contentType: 'text/plain' }).run(record).pass).toBe(false);
  });

  it('5.0 §3.3.2.3.2 declaredPayloadFormat: binary without the indicator passes as bytes; an indicator of 1 on invalid UTF-8 fails', () => {
    expect(declaredPayloadFormat({ topic: 'plant/pump/raw', utf8: false }).run(record).pass).toBe(true);
    expect(declaredPayloadFormat({ topic: 'plant/pump/fake', utf8: true }).run(record).pass).toBe(false);
  });
});

describe('receivedExactlyTopics on a real run', () => {
  it('3.1.1 §4.7 passes for exactly the intended topics and names what is missing or extra', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const source = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'source' });
      for (const topic of ['f/a/t', 'f/b/t', 'f/a/cmd']) await source.publishAsync(topic, 'x', { qos: 1, retain: true });
      const viewer = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'viewer' });
      await viewer.subscribeAsync('f/+/t', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([source.endAsync(), viewer.endAsync()]);
    `);
    expect(receivedExactlyTopics({ to: 'viewer', topics: ['f/a/t', 'f/b/t'] }).run(record).pass).toBe(true);
    const missing = receivedExactlyTopics({ to: 'viewer', topics: ['f/a/t', 'f/b/t', 'f/a/cmd'] }).run(record);
    expect(missing.pass).toBe(false);
    expect(missing.seen).toContain('missing `f/a/cmd`');
    const extra = receivedExactlyTopics({ to: 'viewer', topics: ['f/a/t'] }).run(record);
    expect(extra.pass).toBe(false);
    expect(extra.seen).toContain('also received `f/b/t`');
  });
});
