import mqtt from 'mqtt';

const me = 'meter-7';
const client = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: me, username: me, password: 'm7-secret', protocolVersion: 5,
});

// The retained configuration arrives right after the SUBACK: listen first.
const config = new Promise<string>((resolve) => {
  client.on('message', (topic, payload) => {
    if (topic === `site/meters/${me}/config`) resolve(payload.toString());
  });
});

// Exactly the one topic this device may read.
try {
  await client.subscribeAsync(`site/meters/${me}/config`, { qos: 1 });
} catch (error) {
  // MQTT.js rejects when a SUBACK code is 0x80 or more (0x87: Not authorized); the SUBACK is `error.packet`.
  const granted = (error as { packet?: { granted?: number[] } }).packet?.granted ?? [];
  console.warn(`subscription refused, SUBACK codes: ${granted.map((code) => `0x${code.toString(16)}`).join(', ')}`);
}
console.log('config:', await config);

// Exactly the one topic this device may write; a refusal would reject with PUBACK 0x87.
await client.publishAsync(`site/meters/${me}/reading`, '230.4', { qos: 1 });
await client.endAsync();
