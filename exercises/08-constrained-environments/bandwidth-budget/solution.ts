import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const TOPIC = 'factory/building-7/line-3/sensor-0042/climate';

/** Ten readings: temperature in °C (may be negative), relative humidity in %. */
const READINGS = [
  [21.5, 48], [21.6, 48.2], [21.6, 48.5], [21.8, 49], [22.1, 49.4],
  [22.0, 50.1], [-3.5, 80], [-3.4, 79.5], [0.0, 65.3], [12.7, 55.5],
];

/** The agreed layout: temperature as a signed and humidity as an unsigned 16-bit big-endian integer, both in tenths. */
function encode(temperature: number, humidity: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeInt16BE(Math.round(temperature * 10), 0);
  payload.writeUInt16BE(Math.round(humidity * 10), 2);
  return payload;
}

const sensor = mqtt.connect('mqtt://sandbox', { clientId: 'sensor-42', protocolVersion: 5 });
const connack = await new Promise<IConnackPacket>((resolve, reject) => {
  sensor.once('connect', resolve);
  sensor.once('error', reject);
});
// 5.0 §3.2.2.3.8: absent means 0 — then the sensor must not send any alias.
const aliasMaximum = connack.properties?.topicAliasMaximum ?? 0;
if (aliasMaximum < 1) throw new Error('This broker accepts no topic aliases');

for (const [index, [temperature, humidity]] of READINGS.entries()) {
  // Telemetry that the next reading replaces: QoS 0 — no packet identifier, no PUBACK.
  // Alias 1 is set with the full topic once; after that an empty topic and the alias stand for it.
  const topic = index === 0 ? TOPIC : '';
  await sensor.publishAsync(topic, encode(temperature!, humidity!), { qos: 0, properties: { topicAlias: 1 } });
}

await sensor.endAsync();
