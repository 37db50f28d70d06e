/**
 * One throughput measurement, the same code in Node and in the browser: a publisher and a
 * subscriber (real MQTT.js clients, MQTT 3.1.1) on links from `openLink`, `count` messages of
 * 100 bytes at one QoS, timed from the first publish to the last message received.
 */
import mqtt from 'mqtt';
import type { Duplex } from 'readable-stream';

export type QoS = 0 | 1 | 2;

export interface Measurement {
  qos: QoS;
  count: number;
  ms: number;
  messagesPerSecond: number;
}

/**
 * Publishes are kept to a window in flight: aedes disconnects a client with more than 1000
 * unreleased QoS 2 messages (maxInflightInbound), and an unbounded burst measures queueing.
 */
const window = 100;
const payload = 'x'.repeat(100);
const topic = 'bench/throughput';
/** Far beyond any normal run: a stalled flow fails the bench instead of hanging it. */
const stallAfterMs = 60_000;

function connected(client: mqtt.MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
}

export async function measure(openLink: () => Duplex, qos: QoS, count: number): Promise<Measurement> {
  const options = { protocolVersion: 4 as const, reconnectPeriod: 0, keepalive: 0 };
  const subscriber = new mqtt.MqttClient(openLink, { ...options, clientId: `bench-sub-${qos}` });
  const publisher = new mqtt.MqttClient(openLink, { ...options, clientId: `bench-pub-${qos}` });
  await Promise.all([connected(subscriber), connected(publisher)]);
  await subscriber.subscribeAsync(topic, { qos });

  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    subscriber.on('message', () => {
      received += 1;
      if (received === count) resolve();
    });
  });

  const started = performance.now();
  let sent = 0;
  const sender = async (): Promise<void> => {
    while (sent < count) {
      sent += 1;
      await publisher.publishAsync(topic, payload, { qos });
    }
  };
  const stalled = new Promise<never>((_resolve, reject) => {
    const check = setInterval(() => {
      if (performance.now() - started < stallAfterMs) return;
      clearInterval(check);
      reject(new Error(`QoS ${qos}: no end after ${stallAfterMs} ms (${sent} of ${count} published, ${received} received): the link or broker stalled`));
    }, 1_000);
    void allReceived.then(() => clearInterval(check));
  });
  await Promise.race([Promise.all(Array.from({ length: window }, sender)).then(() => allReceived), stalled]);
  const ms = performance.now() - started;

  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  return { qos, count, ms, messagesPerSecond: Math.round((count * 1000) / ms) };
}

/** Message counts per QoS: fixed, so runs compare; smaller at higher QoS, which costs more packets. */
export const counts: Readonly<Record<QoS, number>> = { 0: 20_000, 1: 10_000, 2: 5_000 };
export const warmUpCount = 2_000;
