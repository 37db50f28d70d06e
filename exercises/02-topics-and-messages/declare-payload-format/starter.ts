import mqtt from 'mqtt';

// TODO: the properties below need MQTT 5.0 — choose the protocol version.
const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'greenhouse-gateway' });

const reading = { temperature: 21.5, humidity: 64 };
// TODO: declare this payload as UTF-8 JSON with the Payload Format Indicator and the Content Type.
await client.publishAsync('greenhouse/north/reading', JSON.stringify(reading), { qos: 1 });

// TODO: publish 21.5 as a 4-byte big-endian float to greenhouse/south/reading,
// with the content type application/octet-stream.

await client.endAsync();
