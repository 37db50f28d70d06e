import mqtt from 'mqtt';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Each command is valid for 2 seconds after it is sent; after that the pump must not act on it.
const FIRST = { trace: '4bf92f35', payload: '{"speed":80}' };
const SECOND = { trace: '00f067aa', payload: '{"speed":40}' };

const controller = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'controller', protocolVersion: 5, clean: true });

// The trace ids of the commands pump-4 acknowledged, read from its acknowledgements.
const acknowledged: string[] = [];
const secondDone = new Promise<void>((resolve) => {
  controller.on('message', (topic, payload, packet) => {
    if (topic !== 'devices/pump-4/acks') return;
    const trace = packet.properties?.userProperties?.['trace-id'];
    if (typeof trace === 'string') acknowledged.push(trace);
    if (payload.toString() === SECOND.payload) resolve();
  });
});
await controller.subscribeAsync('devices/pump-4/acks', { qos: 1 });

async function send(command: { trace: string; payload: string }): Promise<void> {
  await controller.publishAsync('devices/pump-4/commands', command.payload, {
    qos: 1,
    properties: {
      // The broker drops the command once it has waited 2 s for pump-4 (5.0 [MQTT-3.3.2-5]).
      messageExpiryInterval: 2,
      // Forwarded unaltered to the pump (5.0 [MQTT-3.3.2-17]), which echoes it in its ack.
      userProperties: { 'trace-id': command.trace },
      contentType: 'application/json',
    },
  });
}

await send(FIRST);
await sleep(3000); // the operator changes her mind three seconds later
await send(SECOND);
await secondDone;

await controller.endAsync();
export default acknowledged;
