import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

/** Who subscribes to what. The broker, not the sensor, decides who gets each message. */
const subscribers = [
  { clientId: 'dashboard', filter: 'home/+/temperature' },
  { clientId: 'logger', filter: 'home/#' },
  { clientId: 'kitchen-panel', filter: 'home/kitchen/#' },
];
/** 2 copies for dashboard, 3 for logger, 2 for kitchen-panel. */
const EXPECTED_COPIES = 7;

let copies = 0;
let onAllArrived = (): void => {};
const allArrived = new Promise<void>((resolve) => {
  onAllArrived = resolve;
});

const clients: MqttClient[] = [];
for (const { clientId, filter } of subscribers) {
  const client = await mqtt.connectAsync('mqtt://sandbox', { clientId });
  client.on('message', (topic, payload) => {
    console.log(`${clientId} got ${topic}: ${payload.toString()}`);
    copies += 1;
    if (copies === EXPECTED_COPIES) onAllArrived();
  });
  await client.subscribeAsync(filter);
  clients.push(client);
}

// Every SUBACK is back, so the broker holds all three subscriptions before anything is published.
const sensor = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'sensor' });
await sensor.publishAsync('home/kitchen/temperature', '21.5');
await sensor.publishAsync('home/garage/temperature', '8.0');
await sensor.publishAsync('home/kitchen/humidity', '48');

await allArrived;
for (const client of [sensor, ...clients]) await client.endAsync();
