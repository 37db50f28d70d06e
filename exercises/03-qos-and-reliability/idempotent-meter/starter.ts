import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'billing' });

let totalWh = 0;
const lastReading = new Promise<void>((resolve) => {
  client.on('message', (_topic, payload) => {
    const reading = JSON.parse(payload.toString()) as { seq: number; wh: number };
    // TODO: a reading sent twice is counted twice.
    totalWh += reading.wh;
    if (reading.seq === 8) resolve();
  });
});

await client.subscribeAsync('meters/m-17/reading', { qos: 1 });
await client.publishAsync('meters/m-17/cmd', 'upload', { qos: 1 });
await lastReading;

// TODO: the invoice must be counted exactly once.
await client.publishAsync('billing/m-17/total', String(totalWh), { qos: 0 });
await client.endAsync();
