/**
 * Stands in for the learner's code worker: receives a connector port from the page and runs a
 * real MQTT.js client over it, straight to the broker worker (the page is not on the path).
 */
import mqtt from 'mqtt';
import { brokerStreamBuilder } from '../../src/browser/client-stream.ts';

self.addEventListener('message', (event: MessageEvent<MessagePort>) => {
  const client = new mqtt.MqttClient(brokerStreamBuilder(event.data), {
    clientId: 'peer-worker',
    protocolVersion: 5,
    reconnectPeriod: 0,
    will: { topic: 'lab/status/peer-worker', payload: 'peer worker gone', qos: 1, retain: false },
  });
  client.on('connect', () => {
    client.publish('lab/peer', 'hello from another worker', { qos: 1 }, () => self.postMessage('published'));
  });
});
