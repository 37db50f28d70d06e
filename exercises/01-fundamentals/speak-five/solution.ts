import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const client = mqtt.connect('mqtt://sandbox', {
  clientId: 'version-explorer',
  protocolVersion: 5, // the Protocol Level byte of CONNECT: 5, not 4
  clean: true, // Clean Start: begin with a fresh session…
  properties: { sessionExpiryInterval: 300 }, // …and keep it for 300 s after the connection closes
});

const connack = await new Promise<IConnackPacket>((resolve) => client.once('connect', resolve));
console.log('CONNACK reason code', connack.reasonCode);
console.log('CONNACK properties', connack.properties);

const filters = ['factory/public/status', 'factory/secret/valves'];
/** One SUBACK code per filter, in the order asked. */
let codes: readonly number[] = [];
try {
  const grants = await client.subscribeAsync(filters, { qos: 1 });
  codes = grants.map((grant) => grant.qos);
} catch (error) {
  // MQTT.js rejects when the SUBACK refuses any filter; the error carries that SUBACK.
  codes = (error as { packet?: { granted?: number[] } }).packet?.granted ?? [];
}
codes.forEach((code, index) => {
  console.log(`${filters[index]}: reason code 0x${code.toString(16).padStart(2, '0')}`);
});

await client.endAsync();
