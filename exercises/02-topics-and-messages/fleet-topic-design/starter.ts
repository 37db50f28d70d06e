import mqtt from 'mqtt';

const dashboard = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'line1-dashboard' });

dashboard.on('message', (topic, payload) => console.log(topic, payload.toString()));

// TODO: this receives the whole factory. Replace it with filters for line-1 telemetry
// (at any depth) and for the alarms of every line.
await dashboard.subscribeAsync('factory/#', { qos: 0 });

// TODO: send `stop` to press-01's command topic at QoS 1.
