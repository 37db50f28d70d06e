import mqtt from 'mqtt';

const STATUS = 'devices/pump-7/status';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The will travels in CONNECT; the broker keeps it until the connection ends.
const pump = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'pump-7',
  reconnectPeriod: 0,
  will: { topic: STATUS, payload: 'offline', qos: 1, retain: true },
});
await pump.publishAsync(STATUS, 'online', { qos: 1, retain: true });

// A crash: the connection closes with no DISCONNECT, so the broker publishes the will.
pump.stream.destroy();
await pause(100);

// The will was retained: it replaced `online`, so a latecomer learns the pump is gone.
const late = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'late-monitor' });
late.on('message', (topic, payload, packet) => {
  console.log(`late-monitor: ${topic} = ${payload.toString()} (retain: ${packet.retain})`);
});
await late.subscribeAsync('devices/+/status', { qos: 1 });
await pause(100);
await late.endAsync();
