import mqtt from 'mqtt';

const ENERGY_TOPIC = 'plant/meter-7/energy';
const COMMAND_TOPIC = 'plant/meter-7/cmd';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// TODO: these are MQTT.js's defaults for everything but the client id. Which of them lose
// messages when the link is cut or the broker restarts?
const client = mqtt.connect('mqtt://sandbox', {
  clientId: 'meter-7',
  clean: true,
});

const handled = new Set<string>();
let allCommands: () => void = () => {};
const commandsDone = new Promise<void>((resolve) => { allCommands = resolve; });
client.on('message', (_topic, payload) => {
  const command = payload.toString();
  if (!handled.has(command)) {
    handled.add(command);
    console.log('command', command);
  }
  if (handled.size === 4) allCommands();
});
client.on('connect', (connack) => console.log(`connected, session present: ${connack.sessionPresent}`));

await new Promise((resolve) => client.once('connect', resolve));
await client.subscribeAsync(COMMAND_TOPIC, { qos: 1 });

const acknowledged: Promise<unknown>[] = [];
for (let n = 1; n <= 30; n++) {
  acknowledged.push(client.publishAsync(ENERGY_TOPIC, `reading-${n}`, { qos: 1 }));
  await sleep(50);
}
await Promise.all(acknowledged);
await commandsDone;
await client.endAsync();
export default [...handled];
