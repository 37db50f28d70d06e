import mqtt from 'mqtt';

const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'qos-explorer' });

// publishAsync resolves when the handshake of the chosen QoS has completed.
await client.publishAsync('lab/qos/0', 'at most once', { qos: 0 });
console.log('QoS 0: PUBLISH sent, nothing comes back');

await client.publishAsync('lab/qos/1', 'at least once', { qos: 1 });
console.log('QoS 1: PUBACK received');

await client.publishAsync('lab/qos/2', 'exactly once', { qos: 2 });
console.log('QoS 2: PUBREC, PUBREL, PUBCOMP done');

await client.endAsync();
