import mqtt from 'mqtt';
import type { IConnackPacket } from 'mqtt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** In the field the meter sleeps 15 minutes; here a second stands for it. */
const SLEEP_MS = 1000;
/** How long the meter listens for commands after publishing, before it sleeps again. */
const LISTEN_MS = 200;
const READINGS = [1042, 1043, 1045];
const commands: string[] = [];

const options = {
  clientId: 'meter-9', // the session is found by client id: it must not change
  protocolVersion: 5,
  clean: false, // Clean Start 0: resume the session left at the last wake-up
  // Two hours: the session survives a sleep of 15 minutes, and a few missed wake-ups too.
  properties: { sessionExpiryInterval: 7200 },
  // Nine minutes: at most one PINGREQ per 9 idle minutes, under the carrier NAT's 10-minute timeout.
  keepalive: 540,
  reconnectPeriod: 0, // a failed wake-up waits for the next one
} as const;

/** One wake-up: connect, collect what was queued, publish the reading, listen briefly, disconnect. */
async function wake(reading: number): Promise<void> {
  const client = mqtt.connect('mqtt://sandbox', options);
  // Queued commands follow the CONNACK at once: the handler must be there before it.
  client.on('message', (_topic, payload) => {
    commands.push(payload.toString());
    console.log(`command: ${payload.toString()}`);
  });
  const connack = await new Promise<IConnackPacket>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  console.log(`awake, Session Present ${connack.sessionPresent}`);
  // Session Present 0: first start or expired session — the subscription must be made (again).
  if (!connack.sessionPresent) await client.subscribeAsync('meters/meter-9/cmd', { qos: 1 });
  await client.publishAsync('meters/meter-9/reading', String(reading), { qos: 1 });
  await sleep(LISTEN_MS);
  await client.endAsync(); // DISCONNECT: the broker keeps the session and discards the will
}

for (const [index, reading] of READINGS.entries()) {
  await wake(reading);
  if (index < READINGS.length - 1) await sleep(SLEEP_MS);
}
export default commands;
