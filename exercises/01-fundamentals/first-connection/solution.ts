import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'my-first-client',
  clean: true,
});

// Resolves with the first message on lab/hello, so we can end the client after it arrived.
const received = new Promise<string>((resolve) => {
  client.on('message', (topic, payload) => {
    console.log(`received on ${topic}: ${payload.toString()}`);
    resolve(payload.toString());
  });
});

await client.subscribeAsync('lab/hello', { qos: 1 });
await client.publishAsync('lab/hello', 'hello, MQTT', { qos: 1 });
await received;
await client.endAsync();
