import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'line1-gateway' });

// The billing service: resolves when the billing record comes back through the subscription.
const billed = new Promise<void>((resolve) => {
  client.on('message', (topic, payload, packet) => {
    console.log(`received ${topic} at QoS ${packet.qos}: ${payload.toString()}`);
    if (topic === 'plant/line1/billing') resolve();
  });
});
// TODO: choose the QoS this subscription needs.
await client.subscribeAsync('plant/line1/billing', { qos: 0 });

// TODO: every message goes out at QoS 0 — choose the right level for each kind of data.
for (const reading of ['21.0', '21.2', '21.1']) {
  await client.publishAsync('plant/line1/temperature', reading, { qos: 0 });
}
await client.publishAsync('plant/line1/alarm', 'over 80 °C', { qos: 0 });
await client.publishAsync('plant/line1/billing', '{"kWh": 412.5}', { qos: 0 });

await billed;
await client.endAsync();
