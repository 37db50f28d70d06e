import mqtt from 'mqtt';

const client = mqtt.connect({
  clientId: 'device-17',
  protocolVersion: 5,
  // Each connection attempt takes the next server: node-a first, node-b when node-a is gone.
  servers: [
    { host: 'node-a', port: 1883 },
    { host: 'node-b', port: 1883 },
  ],
  // A session the cluster keeps while we are away: commands sent meanwhile are queued in it.
  clean: false,
  properties: { sessionExpiryInterval: 300 },
  reconnectPeriod: 1000,
});

let received = 0;
client.on('message', (topic, payload) => {
  console.log(`command ${++received} on ${topic}: ${payload.toString()}`);
  if (received === 3) client.end();
});

client.on('connect', async (connack) => {
  console.log(`connected, session present: ${connack.sessionPresent}`);
  // Session Present 1: the subscription survived on the cluster; nothing to set up again.
  if (connack.sessionPresent) return;
  await client.subscribeAsync('cmd/device-17/#', { qos: 1 });
  await client.publishAsync('status/device-17', 'online', { qos: 1 });
});
