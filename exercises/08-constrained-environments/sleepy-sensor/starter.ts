import { connect } from 'mqtt-sn';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sensor = await connect({ clientId: 'sensor-7', keepAlive: 60 });
await sensor.subscribe('greenhouse/sensor-7/cmd', { qos: 1 });

// TODO: register 'greenhouse/sensor-7/temp' and publish with the topic id REGACK gives you.
// A short topic name needs no registration, but it is a different, two-character topic.
await sensor.publish({ short: 't7' }, '21.5', { qos: 1 });

// TODO: this ends the connection, so a command sent meanwhile has nowhere to wait. Sleep instead.
await sensor.disconnect();
await sleep(1000);

const commands: string[] = [];
const again = await connect({ clientId: 'sensor-7', keepAlive: 60 });
again.onMessage((message) => commands.push(message.text));
await sleep(200);
await again.disconnect();
export default commands;
