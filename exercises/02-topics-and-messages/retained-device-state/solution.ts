import mqtt from 'mqtt';

const TOPIC = 'home/hall/thermostat/setpoint';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const thermostat = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'thermostat' });

// 1. Set, then 2. replace: the broker keeps only the last retained message of a topic.
await thermostat.publishAsync(TOPIC, '20', { qos: 1, retain: true });
await thermostat.publishAsync(TOPIC, '22.5', { qos: 1, retain: true });

// 3. A subscriber that arrives later gets the retained 22.5 right after its SUBACK, RETAIN = 1.
const dashboard = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'dashboard' });
dashboard.on('message', (topic, payload, packet) => {
  console.log(`dashboard: ${topic} = ${JSON.stringify(payload.toString())} (retain: ${packet.retain})`);
});
await dashboard.subscribeAsync('home/+/thermostat/setpoint', { qos: 1 });
await pause(50);

// 4. Clear: a zero-length retained payload removes the retained message. The dashboard, already
// subscribed, still receives this empty message live (RETAIN = 0).
await thermostat.publishAsync(TOPIC, '', { qos: 1, retain: true });

// 5. A subscription made after the clear gets no retained message.
const late = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'late-dashboard' });
let received = 0;
late.on('message', () => { received += 1; });
await late.subscribeAsync('home/+/thermostat/setpoint', { qos: 1 });
await pause(100);
console.log(`late-dashboard received ${received} message(s)`);

await Promise.all([thermostat.endAsync(), dashboard.endAsync(), late.endAsync()]);
