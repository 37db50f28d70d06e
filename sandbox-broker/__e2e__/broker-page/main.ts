/**
 * The page of the Chromium test: the sandbox broker in a module Web Worker, a real MQTT.js client
 * on the page talking to it over a MessagePort, and a second client in another worker.
 */
import mqtt from 'mqtt';
import { startBrokerWorker } from '../../src/browser/broker-host.ts';
import { brokerStreamBuilder } from '../../src/browser/client-stream.ts';
import type { RecordEntry } from '../../src/record-types.ts';
import type { ScenarioResult } from './scenario-types.ts';

function nextMessage(client: mqtt.MqttClient, topic: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Uint8Array): void => {
      if (received !== topic) return;
      client.off('message', onMessage);
      resolve(new TextDecoder().decode(payload));
    };
    client.on('message', onMessage);
  });
}

async function runScenario(): Promise<ScenarioResult> {
  const host = startBrokerWorker({ clock: 'real', sys: false });
  const live: RecordEntry[] = [];
  host.onEntry((entry) => live.push(entry));

  const client = new mqtt.MqttClient(brokerStreamBuilder(host.openClientPort()), {
    clientId: 'page-client',
    protocolVersion: 5,
    reconnectPeriod: 0,
  });
  await new Promise((resolve) => client.once('connect', resolve));
  await client.subscribeAsync('lab/#', { qos: 2 });

  const received: ScenarioResult['received'] = [];
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, qos: packet.qos, payload: new TextDecoder().decode(payload) });
  });
  await client.publishAsync('lab/q0', 'zero', { qos: 0 });
  await client.publishAsync('lab/q1', 'one', { qos: 1 });
  await client.publishAsync('lab/q2', 'two', { qos: 2 });

  // A client in another worker, reaching the broker through a transferred connector port.
  const peer = new Worker(new URL('./peer-worker.ts', import.meta.url), { type: 'module' });
  const peerPort = host.openClientPort();
  const fromPeer = nextMessage(client, 'lab/peer');
  peer.postMessage(peerPort, [peerPort]);
  const fromPeerWorker = await fromPeer;

  // Killing that worker and closing its connector drops its links: the broker publishes its will.
  const will = nextMessage(client, 'lab/status/peer-worker');
  peer.terminate();
  await host.closeClientPort(peerPort);
  const willPayload = await will;

  await client.endAsync();
  const record = await host.snapshot();
  // The live stream lags the snapshot by at most one batch.
  while (live.length < record.entries.length) await new Promise((resolve) => setTimeout(resolve, 10));
  host.terminate();

  return {
    received: received.filter((message) => message.topic.startsWith('lab/q')),
    fromPeerWorker,
    will: willPayload,
    livePackets: live.flatMap((entry) => (entry.kind === 'packet' ? [`${entry.direction} ${entry.packet.cmd}`] : [])),
    liveEvents: live.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : [])),
    snapshotPackets: record.entries.filter((entry) => entry.kind === 'packet').length,
  };
}

Object.assign(window, { runScenario });
