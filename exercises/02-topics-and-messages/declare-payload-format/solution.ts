import mqtt from 'mqtt';

// PUBLISH properties exist only in MQTT 5.0.
const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'greenhouse-gateway', protocolVersion: 5 });

const reading = { temperature: 21.5, humidity: 64 };
await client.publishAsync('greenhouse/north/reading', JSON.stringify(reading), {
  qos: 1,
  properties: { payloadFormatIndicator: true, contentType: 'application/json' },
});

// The temperature alone, in 4 bytes; the JSON text above is 34 bytes.
const bytes = new Uint8Array(4);
new DataView(bytes.buffer).setFloat32(0, 21.5);
// MQTT.js types a payload as string | Buffer but sends any Uint8Array as it is (a Buffer is one).
await client.publishAsync('greenhouse/south/reading', bytes as Buffer, {
  qos: 1,
  properties: { payloadFormatIndicator: false, contentType: 'application/octet-stream' },
});

await client.endAsync();
