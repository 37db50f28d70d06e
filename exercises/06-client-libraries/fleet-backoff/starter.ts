import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

/** Resolves each time the sensor is connected (first time and after every outage). */
function startSensor(id: string, onConnected: (client: MqttClient) => void): MqttClient {
  // TODO: MQTT.js's own reconnection retries every `reconnectPeriod` ms (1000 by default), the
  // same for every sensor. Replace it with exponential backoff and jitter.
  const client = mqtt.connect('mqtt://sandbox', { clientId: id });
  client.on('connect', () => {
    client.publish(`fleet/${id}/status`, 'online', { qos: 1 });
    onConnected(client);
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
