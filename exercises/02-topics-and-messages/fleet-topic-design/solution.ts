import mqtt from 'mqtt';

const dashboard = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'line1-dashboard' });

dashboard.on('message', (topic, payload) => console.log(topic, payload.toString()));

await dashboard.subscribeAsync(
  [
    // `+` for the device level; `#` because a metric can be nested (zone/2/temperature).
    'factory/line1/+/telemetry/#',
    // `+` for the line and the device: every alarm of every line.
    'factory/+/+/alarm/+',
  ],
  { qos: 0 },
);

// Commands go down a separate branch, so the dashboard's own subscriptions never see them.
await dashboard.publishAsync('factory/line1/press-01/cmd/stop', 'stop', { qos: 1 });
