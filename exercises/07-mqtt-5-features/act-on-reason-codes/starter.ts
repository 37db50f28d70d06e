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

// TODO: the topics the broker refused with 0x87 Not authorized, for the operator.
const refused: string[] = [];

for (const { topic, payload } of BATCH) {
  // Three attempts per message, in case the network hiccups.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      await gateway.publishAsync(topic, payload, { qos: 1 });
      break;
    } catch (err) {
      console.warn(`${topic}: attempt ${attempt} failed: ${(err as Error).message}`);
    }
  }
}

await gateway.endAsync();
export default refused;
