import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** In the field the meter sleeps 15 minutes; here a second stands for it. */
const SLEEP_MS = 1000;
/** How long the meter listens for commands after publishing, before it sleeps again. */
const LISTEN_MS = 200;
const READINGS = [1042, 1043, 1045];
const commands: string[] = [];

// TODO: a fresh session on every wake-up, and the MQTT.js default keep-alive of 60 s.
const options = { clientId: 'meter-9', protocolVersion: 5, clean: true, reconnectPeriod: 0 } as const;

/** One wake-up: connect, publish the reading, listen briefly, disconnect. */
async function wake(reading: number): Promise<void> {
  const client = mqtt.connect('mqtt://sandbox', options);
  client.on('message', (_topic, payload) => commands.push(payload.toString()));
  const connack = await new Promise<IConnackPacket>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  console.log(`awake, Session Present ${connack.sessionPresent}`);
  await client.subscribeAsync('meters/meter-9/cmd', { qos: 1 });
  await client.publishAsync('meters/meter-9/reading', String(reading), { qos: 1 });
  await sleep(LISTEN_MS);
  await client.endAsync();
}

for (const reading of READINGS) {
  await wake(reading);
  await sleep(SLEEP_MS);
}
export default commands;
