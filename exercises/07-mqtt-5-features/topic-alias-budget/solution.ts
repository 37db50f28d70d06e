import mqtt from 'mqtt';

const TOPIC = 'plant/hall-b/line-4/press-07/oil-temperature';
const readings = ['61.2', '61.4', '61.3', '61.7', '62.0', '62.4', '62.9', '63.1', '63.0', '63.4', '63.8', '64.1', '64.0', '63.7', '63.5', '63.6', '63.2', '62.8', '62.5', '62.3'];

const press = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'press-07', protocolVersion: 5 });

// The broker's CONNACK allowed up to 8 aliases (MQTT.js only uses aliases the broker offered).
// The first PUBLISH sets alias 1 for TOPIC (56 bytes); the others carry an empty topic and only
// the alias (12 bytes each).
for (const [i, reading] of readings.entries()) {
  await press.publishAsync(i === 0 ? TOPIC : '', reading, { qos: 0, properties: { topicAlias: 1 } });
}

await press.endAsync();
