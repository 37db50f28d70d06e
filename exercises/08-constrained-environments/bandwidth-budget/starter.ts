import mqtt from 'mqtt';

const TOPIC = 'factory/building-7/line-3/sensor-0042/climate';

/** Ten readings: temperature in °C (may be negative), relative humidity in %. */
const READINGS = [
  [21.5, 48], [21.6, 48.2], [21.6, 48.5], [21.8, 49], [22.1, 49.4],
  [22.0, 50.1], [-3.5, 80], [-3.4, 79.5], [0.0, 65.3], [12.7, 55.5],
];

const sensor = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'sensor-42', protocolVersion: 5 });

for (const [temperature, humidity] of READINGS) {
  // TODO: 10 × JSON on the full topic at QoS 1 is far over the 250-byte budget.
  await sensor.publishAsync(TOPIC, JSON.stringify({ temperature, humidity }), { qos: 1 });
}

await sensor.endAsync();
