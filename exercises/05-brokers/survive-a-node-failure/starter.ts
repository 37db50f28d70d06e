import mqtt from 'mqtt';

const client = mqtt.connect({
  clientId: 'device-17',
  protocolVersion: 5,
  // TODO: a server list, node-a first, then node-b — and what else must the cluster keep for you?
  servers: [{ host: 'node-a', port: 1883 }],
});

let received = 0;
client.on('message', (topic, payload) => {
  console.log(`command ${++received} on ${topic}: ${payload.toString()}`);
  if (received === 3) client.end();
});

client.on('connect', async (connack) => {
  console.log(`connected, session present: ${connack.sessionPresent}`);
  if (connack.sessionPresent) return;
  await client.subscribeAsync('cmd/device-17/#', { qos: 1 });
  await client.publishAsync('status/device-17', 'online', { qos: 1 });
});
