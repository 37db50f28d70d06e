import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

// TODO 1: speak MQTT 5.0 and ask the broker to keep the session for 300 s after disconnecting.
const client = mqtt.connect('mqtt://sandbox', { clientId: 'version-explorer', clean: true });

// The `connect` event carries the broker's CONNACK.
const connack = await new Promise<IConnackPacket>((resolve) => client.once('connect', resolve));
console.log('CONNACK return code', connack.returnCode);
// TODO 2: print the CONNACK's reason code and properties (they exist only in 5.0).

try {
  await client.subscribeAsync(['factory/public/status', 'factory/secret/valves'], { qos: 1 });
} catch (error) {
  // TODO 3: with 5.0, print the reason code of each filter (see the hints).
  console.log('subscribe refused:', (error as Error).message);
}

await client.endAsync();
