import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

const BASE_MS = 100;
const CAP_MS = 2000;

/** Exponential backoff with full jitter: a random wait between 0 and min(cap, base × 2^attempt). */
const backoff = (attempt: number): number => Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt);

/** Resolves each time the sensor is connected (first time and after every outage). */
function startSensor(id: string, onConnected: (client: MqttClient) => void): MqttClient {
  // reconnectPeriod 0: MQTT.js's fixed-period timer is off, we schedule reconnections ourselves.
  const client = mqtt.connect('mqtt://sandbox', { clientId: id, reconnectPeriod: 0 });
  let attempt = 0;
  client.on('connect', () => {
    attempt = 0; // a good connection resets the backoff
    client.publish(`fleet/${id}/status`, 'online', { qos: 1 });
    onConnected(client);
  });
  client.on('close', () => {
    if (client.disconnecting) return; // we ended it ourselves
    setTimeout(() => client.reconnect(), backoff(attempt++));
  });
  return client;
}

const ids = ['sensor-1', 'sensor-2', 'sensor-3', 'sensor-4', 'sensor-5'];
const connections = new Map<string, number>();
let allBack: () => void = () => {};
const back = new Promise<void>((resolve) => { allBack = resolve; });

const fleet = ids.map((id) => startSensor(id, () => {
  connections.set(id, (connections.get(id) ?? 0) + 1);
  if (ids.every((each) => (connections.get(each) ?? 0) >= 2)) allBack();
}));

await back; // every sensor connected, was dropped by the outage, and came back
await Promise.all(fleet.map((client) => client.endAsync()));
