import mqtt, { type MqttClient } from 'mqtt';

const SESSION = { clientId: 'ada', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 300 } } as const;
// TODO: subscription options for the lobby.
const LOBBY_OPTIONS = { qos: 1 } as const;

function show(client: MqttClient): void {
  client.on('message', (topic, payload, packet) => console.log(`${packet.retain ? '[pinned] ' : ''}${topic}: ${payload}`));
}

const answerFrom = (client: MqttClient, who: string): Promise<void> =>
  new Promise((resolve) => client.on('message', (topic) => topic === `chat/lobby/${who}` && resolve()));

// First start.
let chat = await mqtt.connectAsync('mqtt://sandbox', SESSION);
show(chat);
await chat.subscribeAsync('chat/lobby/+', LOBBY_OPTIONS);
let answered = answerFrom(chat, 'grace');
await chat.publishAsync('chat/lobby/ada', 'hello, lobby', { qos: 1 });
await answered;
await chat.endAsync();

// The app restarts: same session, and it subscribes again at start-up.
chat = await mqtt.connectAsync('mqtt://sandbox', SESSION);
show(chat);
await chat.subscribeAsync('chat/lobby/+', LOBBY_OPTIONS);
answered = answerFrom(chat, 'grace');
await chat.publishAsync('chat/lobby/ada', 'back again', { qos: 1 });
await answered;
await chat.endAsync();
