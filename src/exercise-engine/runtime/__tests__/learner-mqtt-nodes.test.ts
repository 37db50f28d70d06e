/**
 * The learner's `mqtt` module in a run with several broker nodes (module 5): the URL's host or
 * MQTT.js's `servers` list picks the node of each (re)connection. Real broker nodes, real MQTT.js.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IStream, MqttClient } from 'mqtt';
import { createSandboxBroker, type SandboxBroker } from '../../../../sandbox-broker/src/index.ts';
import type { PacketEntry } from '../../../../sandbox-broker/src/record-types.ts';
import { createLearnerMqtt } from '../learner-mqtt.ts';

let lab: SandboxBroker;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.end(true);
  await lab.close();
});

function learnerMqtt() {
  lab = createSandboxBroker({ nodes: [{ name: 'node-a', cluster: 'c' }, { name: 'node-b', cluster: 'c' }] });
  return createLearnerMqtt((node) => lab.connectLink(node).stream as unknown as IStream, (client) => clients.push(client));
}

const connackNodes = (clientId: string): (string | undefined)[] =>
  lab.recorder.entries.filter((e): e is PacketEntry => e.kind === 'packet' && e.packet.cmd === 'connack' && e.clientId === clientId).map((e) => e.node);

describe('createLearnerMqtt with several nodes', () => {
  it('connects to the node the URL names; an unknown host reaches the first node', async () => {
    const mqtt = learnerMqtt();
    await mqtt.connectAsync('mqtt://node-b', { clientId: 'by-url', protocolVersion: 5 });
    await mqtt.connectAsync('mqtt://sandbox', { clientId: 'default', protocolVersion: 5 });
    expect(connackNodes('by-url')).toEqual(['node-b']);
    expect(connackNodes('default')).toEqual(['node-a']);
  });

  it('takes the next server of `servers` on each reconnection, as mqtt.connect() does', async () => {
    const mqtt = learnerMqtt();
    const client = await mqtt.connectAsync({ clientId: 'rotating', protocolVersion: 5, reconnectPeriod: 20, servers: [{ host: 'node-a', port: 1883 }, { host: 'node-b', port: 1883 }] });
    const reconnected = new Promise<void>((resolve) => client.once('connect', () => resolve()));
    lab.instruments.cutLink('rotating');
    await reconnected;
    expect(connackNodes('rotating')).toEqual(['node-a', 'node-b']);
  });
});
