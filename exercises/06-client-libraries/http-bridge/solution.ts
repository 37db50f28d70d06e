import mqtt from 'mqtt';

const API = 'http://api.lab/api';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const client = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'http-bridge',
  protocolVersion: 5,
  clean: false,                               // readings wait in the session if the bridge restarts
  properties: { sessionExpiryInterval: 3600 },
});

/** POSTs until the API says 2xx; 5xx and network errors are retried with a growing delay. */
async function store(body: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${API}/readings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (response.ok) return;
      if (response.status < 500) throw new Error(`the API refused ${body}: ${response.status}`); // retrying will not help
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // TypeError: the network failed, try again
    }
    await sleep(Math.min(1000, 50 * 2 ** attempt));
  }
}

// MQTT → HTTP. MQTT.js hands messages to handleMessage one at a time and sends the PUBACK only
// when we call back: a reading is acknowledged once the API has it (at least once, end to end),
// and a slow API slows the broker's deliveries down instead of filling our memory (back-pressure).
let stored = 0;
client.handleMessage = (packet, callback) => {
  store(packet.payload.toString()).then(() => {
    stored++;
    callback();
  }, (error: Error) => callback(error));
};
await client.subscribeAsync('site/+/temperature', { qos: 1 });
await client.publishAsync('bridge/status', 'online', { qos: 1 });

// HTTP → MQTT: poll the API for commands, publish each at QoS 1, and acknowledge it to the API
// only after the broker acknowledged the PUBLISH.
const bridged = new Set<string>();
while (stored < 6 || bridged.size < 1) {
  const pending = (await (await fetch(`${API}/commands`)).json()) as Array<{ id: string; device: string }>;
  for (const command of pending) {
    if (bridged.has(command.id)) continue; // idempotent: never publish a command twice
    await client.publishAsync(`site/${command.device}/commands`, JSON.stringify(command), { qos: 1 });
    await fetch(`${API}/commands/${command.id}/ack`, { method: 'POST' });
    bridged.add(command.id);
  }
  await sleep(100);
}
await client.endAsync();
