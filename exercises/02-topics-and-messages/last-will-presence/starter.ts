import mqtt from 'mqtt';

const STATUS = 'devices/pump-7/status';

const pump = await mqtt.connectAsync('mqtt://sandbox', {
  clientId: 'pump-7',
  reconnectPeriod: 0,
  // TODO: this will is not retained, so a monitor that connects later never learns the pump is gone.
  will: { topic: STATUS, payload: 'offline', qos: 1, retain: false },
});
await pump.publishAsync(STATUS, 'online', { qos: 1, retain: true });

// TODO: this ends politely with DISCONNECT — the broker discards the will. Simulate a crash instead.
await pump.endAsync();

// TODO: connect `late-monitor`, subscribe to devices/+/status, print what arrives.
