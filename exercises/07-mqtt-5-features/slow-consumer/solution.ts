import mqtt, { type IPublishPacket } from 'mqtt';

const stored: string[] = [];
const store = (event: string): Promise<void> => new Promise((resolve) => setTimeout(() => { stored.push(event); resolve(); }, 40));

// Receive Maximum 3: the broker may have at most three unacknowledged QoS 1/2 PUBLISHes out to this client.
const writer = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'event-writer', protocolVersion: 5, properties: { receiveMaximum: 3 } });

// MQTT.js sends the PUBACK of a QoS 1 message when handleMessage calls back: only once the event is stored.
writer.handleMessage = (packet: IPublishPacket, done: (error?: Error) => void) => {
  store(packet.payload.toString()).then(() => done(), done);
};

await writer.subscribeAsync('plant/line-2/events', { qos: 1 });
await writer.publishAsync('plant/line-2/writer', 'ready', { qos: 1 });
while (stored.length < 12) await new Promise((resolve) => setTimeout(resolve, 20));
console.log(`stored ${stored.length} events`);
await writer.endAsync();
