import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'qos-explorer' });

// QoS 0: fire and forget. publishAsync resolves as soon as the packet is written.
await client.publishAsync('lab/qos/0', 'at most once', { qos: 0 });
console.log('QoS 0 sent');

// TODO: publish to lab/qos/1 at QoS 1 and print a line once the broker's PUBACK arrived.

// TODO: publish to lab/qos/2 at QoS 2 and print a line once the handshake completed.

// TODO: end the client.
