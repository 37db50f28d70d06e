import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'meter-7', username: 'meter-7', password: 'm7-secret', protocolVersion: 5,
});

const config = new Promise<string>((resolve) => {
  client.on('message', (_topic, payload) => resolve(payload.toString()));
});

// Old firmware, written for an open broker. TODO: ask only for what meter-7 may do.
try {
  await client.subscribeAsync('site/meters/#', { qos: 1 });
} catch (error) {
  // MQTT.js rejects when a SUBACK code is 0x80 or more; the SUBACK is `error.packet`.
  const granted = (error as { packet?: { granted?: number[] } }).packet?.granted ?? [];
  console.warn(`subscription refused, SUBACK codes: ${granted.map((code) => `0x${code.toString(16)}`).join(', ')}`);
}

try {
  await client.publishAsync('site/readings', JSON.stringify({ meter: 'meter-7', kWh: 230.4 }), { qos: 1 });
} catch (error) {
  console.warn(`publish refused: 0x${(error as { code: number }).code.toString(16)}`);
}

console.log('config:', await Promise.race([config, new Promise((resolve) => setTimeout(resolve, 300, '(none)'))]));
await client.endAsync();
