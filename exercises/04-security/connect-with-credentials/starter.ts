import mqtt from 'mqtt';

const login = { clientId: 'meter-12', username: 'meter-12', protocolVersion: 5 as const };

// TODO: this throws when the broker refuses the old password. Catch the error, print its
// reason code (error.code), then connect once more with the new password 'spring-2026'.
const client = await mqtt.connectAsync('mqtt://sandbox', { ...login, password: 'winter-2025' });

await client.publishAsync('site/meters/meter-12/reading', '42.7', { qos: 1 });
await client.endAsync();
