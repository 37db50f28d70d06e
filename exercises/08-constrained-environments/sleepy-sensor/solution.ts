import { connect } from 'mqtt-sn';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sensor = await connect({ clientId: 'sensor-7', keepAlive: 60 });
// Subscribe before sleeping: the gateway can only buffer what the broker delivers to the sensor.
await sensor.subscribe('greenhouse/sensor-7/cmd', { qos: 1 });

// REGISTER once; every PUBLISH then carries the two-byte topic id instead of the name.
const topicId = await sensor.register('greenhouse/sensor-7/temp');
await sensor.publish({ topicId }, '21.5', { qos: 1 });

// DISCONNECT with Duration 60: asleep, not gone. The gateway buffers messages meanwhile.
await sensor.sleep(60);
await sleep(1000);

// PINGREQ with the ClientId: buffered messages first, then PINGRESP (and back to sleep).
const messages = await sensor.wake();
const commands = messages.map((message) => message.text);
console.log('commands received on wake-up:', commands);

await sensor.disconnect();
export default commands;
