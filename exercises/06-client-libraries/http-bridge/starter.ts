import mqtt from 'mqtt';

const API = 'http://api.lab/api';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'http-bridge', protocolVersion: 5 });

// MQTT → HTTP. TODO: this forwards every reading, but MQTT.js has already sent the PUBACK when
// the message event fires, nothing checks the API's answer, and nothing is retried.
let forwarded = 0;
client.on('message', (_topic, payload) => {
  forwarded++;
  void fetch(`${API}/readings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload.toString() });
});
await client.subscribeAsync('site/+/temperature', { qos: 1 });
await client.publishAsync('bridge/status', 'online', { qos: 1 });

// TODO: HTTP → MQTT: poll GET /api/commands, publish each command to site/<device>/commands
// at QoS 1, then POST /api/commands/<id>/ack.

while (forwarded < 6) await new Promise((resolve) => setTimeout(resolve, 100));
await client.endAsync();
