import mqtt from 'mqtt';

const TOPIC = 'home/hall/thermostat/setpoint';

const thermostat = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'thermostat' });

// 1. Set: this publish is not retained yet — a dashboard that subscribes later will miss it.
await thermostat.publishAsync(TOPIC, '20', { qos: 1 });

// TODO 2. Replace the setpoint with 22.5, retained.

const dashboard = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'dashboard' });
dashboard.on('message', (topic, payload, packet) => {
  console.log(`dashboard: ${topic} = ${payload.toString()} (retain: ${packet.retain})`);
});
await dashboard.subscribeAsync('home/+/thermostat/setpoint', { qos: 1 });

// TODO 4. Clear the retained setpoint.

// TODO 5. Subscribe a third client, `late-dashboard`, and show that nothing arrives.

// Give deliveries a moment to arrive before ending.
await new Promise((resolve) => setTimeout(resolve, 100));
await Promise.all([thermostat.endAsync(), dashboard.endAsync()]);
