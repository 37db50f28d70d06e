/**
 * The MQTT-SN checks on records made by the real gateway and broker: each passes on the behaviour
 * it names and fails, with a useful `seen`, on the nearest wrong one (MQTT-SN v1.2 §6.5–§6.14).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { connectClient, end, waitForEntry } from '../../../../sandbox-broker/__tests__/helpers.ts';
import { createSandboxBroker, type SandboxBroker } from '../../../../sandbox-broker/src/index.ts';
import { MqttSnClient } from '../../../../sandbox-broker/src/mqtt-sn/client.ts';
import type { RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import {
  snDisconnected, snPublishedWithTopicId, snReceivedOnWake, snRegistered, snSlept, snSubscribed, snTopicNames,
} from '../mqtt-sn.ts';

let broker: SandboxBroker;
afterEach(() => broker.close());

async function sensorRun(behave: (sensor: MqttSnClient) => Promise<void>): Promise<RunRecord> {
  broker = createSandboxBroker({ clock: 'virtual' });
  const sensor = new MqttSnClient(broker.mqttSn.openSocket(), { autoPing: false });
  await sensor.connect({ clientId: 'sensor-7', keepAlive: 60 });
  await behave(sensor);
  if (!sensor.ended) sensor.end();
  return broker.recorder.snapshot();
}

describe('register and publish by topic id (§6.5, §6.6)', () => {
  test('pass: REGISTER, REGACK, PUBLISH with the id at QoS 1, PUBACK accepted', async () => {
    const record = await sensorRun(async (sensor) => {
      const topicId = await sensor.register('g/t');
      await sensor.publish({ topicId }, '1', { qos: 1 });
    });
    expect(snTopicNames(record).get('sensor-7')?.get(1)).toBe('g/t');
    expect(snRegistered('g/t').run(record)).toMatchObject({ pass: true, seen: 'REGACK gave topic id 1' });
    expect(snPublishedWithTopicId('g/t', { qos: 1 }).run(record)).toMatchObject({ pass: true, spec: { version: 'SN-1.2', section: '6.6' } });
    expect(snPublishedWithTopicId('g/t', { qos: 0 }).run(record).pass).toBe(false);
  });

  test('fail: a short topic name is not a registered id; an unknown id is named as rejected', async () => {
    const record = await sensorRun(async (sensor) => {
      await sensor.publish({ short: 'gt' }, '1', { qos: 1 });
      await sensor.publish({ topicId: 5 }, '1', { qos: 1 }).catch(() => undefined);
    });
    expect(snRegistered('g/t').run(record)).toMatchObject({ pass: false, seen: 'no REGISTER' });
    expect(snPublishedWithTopicId('g/t', { qos: 1 }).run(record)).toMatchObject({ pass: false, seen: expect.stringMatching(/Rejected: invalid topic ID/) });
  });
});

describe('subscribe, sleep, wake, disconnect (§6.9, §6.12, §6.14)', () => {
  test('pass: the command sent while asleep is delivered after PINGREQ(ClientId), before PINGRESP', async () => {
    const record = await sensorRun(async (sensor) => {
      await sensor.subscribe('g/cmd', { qos: 1 });
      await sensor.sleep(60);
      const operator = await connectClient(broker, { clientId: 'operator' });
      await operator.publishAsync('g/cmd', 'go', { qos: 1 });
      await waitForEntry(broker, (e) => e.kind === 'event' && e.event === 'message-queued');
      await sensor.wake();
      await sensor.disconnect();
      await end(operator);
    });
    expect(snSubscribed('g/cmd', { qos: 1 }).run(record).pass).toBe(true);
    expect(snSlept().run(record)).toMatchObject({ pass: true, seen: 'DISCONNECT with Duration 60 s, acknowledged' });
    expect(snReceivedOnWake('g/cmd').run(record).pass).toBe(true);
    expect(snDisconnected().run(record).pass).toBe(true);
  });

  test('fail: a DISCONNECT without Duration is not sleeping, and nothing is buffered for it', async () => {
    const record = await sensorRun(async (sensor) => {
      await sensor.subscribe('g/cmd', { qos: 0 });
      await sensor.disconnect();
    });
    expect(snSubscribed('g/cmd', { qos: 1 }).run(record).pass).toBe(false);
    expect(snSlept().run(record)).toMatchObject({ pass: false, seen: expect.stringMatching(/without a Duration/) });
    expect(snReceivedOnWake('g/cmd').run(record)).toMatchObject({ pass: false, seen: 'the client never slept' });
  });

  test('fail: woke up before anything was sent, and was left asleep at the end', async () => {
    const record = await sensorRun(async (sensor) => {
      await sensor.subscribe('g/cmd', { qos: 1 });
      await sensor.sleep(60);
      await sensor.wake();
    });
    expect(snReceivedOnWake('g/cmd').run(record)).toMatchObject({ pass: false, seen: expect.stringMatching(/no message on `g\/cmd` was buffered/) });
    expect(snDisconnected().run(record)).toMatchObject({ pass: false, seen: expect.stringMatching(/left asleep/) });
  });
});
