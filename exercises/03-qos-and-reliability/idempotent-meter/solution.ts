import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'billing' });

let totalWh = 0;
// QoS 1 may deliver a reading twice: remember which sequence numbers are already billed.
const billed = new Set<number>();
const lastReading = new Promise<void>((resolve) => {
  client.on('message', (_topic, payload) => {
    const reading = JSON.parse(payload.toString()) as { seq: number; wh: number };
    if (billed.has(reading.seq)) {
      console.log(`reading ${reading.seq} again: skipped`);
      return;
    }
    billed.add(reading.seq);
    totalWh += reading.wh;
    if (reading.seq === 8) resolve();
  });
});

await client.subscribeAsync('meters/m-17/reading', { qos: 1 });
await client.publishAsync('meters/m-17/cmd', 'upload', { qos: 1 });
await lastReading;

// QoS 2 on the way to the broker: the invoice is stored once even if this PUBLISH is re-sent.
await client.publishAsync('billing/m-17/total', String(totalWh), { qos: 2 });
console.log(`billed ${billed.size} readings, ${totalWh} Wh`);
await client.endAsync();
