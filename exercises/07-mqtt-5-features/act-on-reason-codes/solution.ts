import mqtt from 'mqtt';

// What the devices of hall 2 handed the gateway since its last upload.
const BATCH = [
  { topic: 'plant/hall-2/temperature/t1', payload: '21.4' },
  { topic: 'plant/hall-2/valves/v3/set', payload: 'open' },
  { topic: 'plant/hall-2/pressure/p2', payload: '1.7' },
  { topic: 'plant/hall-3/temperature/t9', payload: '19.0' },
  { topic: 'plant/hall-2/temperature/t2', payload: '22.0' },
];

const gateway = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'gateway-7', protocolVersion: 5, clean: true });

// The topics the broker refused with 0x87 Not authorized, for the operator.
const refused: string[] = [];

for (const { topic, payload } of BATCH) {
  // No retry loop: MQTT.js itself resends an unacknowledged QoS 1 PUBLISH after a reconnection,
  // and a PUBACK reason code of 0x80 or above is the broker's final answer to this message.
  try {
    await gateway.publishAsync(topic, payload, { qos: 1 });
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code !== 0x87) throw err;
    // Not authorized: the ACL will say the same next time. Report it and go on with the batch.
    console.warn(`${topic}: refused with 0x87 Not authorized`);
    refused.push(topic);
  }
}

await gateway.endAsync();
export default refused;
