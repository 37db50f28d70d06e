import mqtt from 'mqtt';

const ENERGY_TOPIC = 'plant/meter-7/energy';
const COMMAND_TOPIC = 'plant/meter-7/cmd';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One client object for the whole run: MQTT.js keeps its offline queue and its unacknowledged
// QoS 1 messages inside it, and resends them after every reconnection.
const client = mqtt.connect('mqtt://sandbox', {
  clientId: 'meter-7',          // stable: it names the session we come back to
  protocolVersion: 5,
  clean: false,                 // Clean Start 0: resume the session if the broker has it
  properties: { sessionExpiryInterval: 600 }, // and keep it 10 minutes after a drop
  reconnectPeriod: 200,         // reconnect on its own (0 would give up at the first drop)
  connectTimeout: 2000,
});

// QoS 1 is "at least once": a command may arrive twice, so handling is idempotent.
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
client.on('offline', () => console.log('offline: publishes wait in the client until it is back'));

await new Promise((resolve) => client.once('connect', resolve));
// Subscribed once: the session keeps the subscription across drops and restarts.
await client.subscribeAsync(COMMAND_TOPIC, { qos: 1 });

// Publish on schedule whether or not we are connected; each promise settles on its PUBACK.
const acknowledged: Promise<unknown>[] = [];
for (let n = 1; n <= 30; n++) {
  acknowledged.push(client.publishAsync(ENERGY_TOPIC, `reading-${n}`, { qos: 1 }));
  await sleep(50);
}
await Promise.all(acknowledged);
await commandsDone;
await client.endAsync();
export default [...handled];
