import mqtt from 'mqtt';

const TOPIC = 'plant/hall-b/line-4/press-07/oil-temperature';
const readings = ['61.2', '61.4', '61.3', '61.7', '62.0', '62.4', '62.9', '63.1', '63.0', '63.4', '63.8', '64.1', '64.0', '63.7', '63.5', '63.6', '63.2', '62.8', '62.5', '62.3'];

const press = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'press-07', protocolVersion: 5 });

for (const reading of readings) {
  // TODO: 53 bytes each. Send the topic once, then only a two-byte alias.
  await press.publishAsync(TOPIC, reading, { qos: 0 });
}

await press.endAsync();
