import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'line1-gateway' });

// The billing service: resolves when the billing record comes back through the subscription.
const billed = new Promise<void>((resolve) => {
  client.on('message', (topic, payload, packet) => {
    console.log(`received ${topic} at QoS ${packet.qos}: ${payload.toString()}`);
    if (topic === 'plant/line1/billing') resolve();
  });
});
// QoS 2 on the second hop too: a QoS 1 subscription would downgrade the record to "at least once".
await client.subscribeAsync('plant/line1/billing', { qos: 2 });

// Readings: at most once. The next reading replaces a lost one, so acknowledgements buy nothing.
for (const reading of ['21.0', '21.2', '21.1']) {
  await client.publishAsync('plant/line1/temperature', reading, { qos: 0 });
}
// Alarm: at least once. A duplicate on the console is harmless; a lost alarm is not.
await client.publishAsync('plant/line1/alarm', 'over 80 °C', { qos: 1 });
// Billing: exactly once. Only QoS 2 stops a redelivered copy from being counted twice.
await client.publishAsync('plant/line1/billing', '{"kWh": 412.5}', { qos: 2 });

await billed;
await client.endAsync();
