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
  // TODO: a lifetime, the trace id and the content type for each command.
  await controller.publishAsync('devices/pump-4/commands', command.payload, { qos: 1 });
}

await send(FIRST);
await sleep(3000); // the operator changes her mind three seconds later
await send(SECOND);
await secondDone;

await controller.endAsync();
export default acknowledged;
