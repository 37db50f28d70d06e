/**
 * The scenario's lab in a real run (Node runner, real broker, real MQTT.js in a worker thread):
 * each fault reaches the broker, happens on the wire, and is an event in the record.
 */
import { describe, expect, it } from 'vitest';
import type { BrokerEventEntry, PacketEntry, RunRecord } from '../../../../sandbox-broker/src/record-types.ts';
import { clientOf } from '../../checks/record-query.ts';
import { runInNode } from '../run-in-node.ts';

const fixture = (name: string): string => new URL(`./fixtures/${name}.ts`, import.meta.url).href;
const eventsOf = (record: RunRecord, event: string): BrokerEventEntry[] =>
  record.entries.filter((entry): entry is BrokerEventEntry => entry.kind === 'event' && entry.event === event);
const packetsOf = (record: RunRecord, client: string, direction: 'in' | 'out', cmd: string): PacketEntry[] =>
  record.entries.filter((entry): entry is PacketEntry =>
    entry.kind === 'packet' && entry.direction === direction && entry.packet.cmd === cmd && clientOf(record, entry) === client);
const instrumentsOf = (record: RunRecord): string[] => eventsOf(record, 'instrument').map((event) => String(event.detail?.['instrument'] ?? event.detail?.['action']));

describe('scenario faults (lab)', () => {
  it('cutLink drops the learner\'s link like a network failure; wait is noted; MQTT.js reconnects over a new link', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'learner', reconnectPeriod: 50 });
      await client.publishAsync('lab/go', 'go', { qos: 1 });
      await new Promise((resolve) => client.once('connect', resolve));
      await client.endAsync();
    `, { scenario: fixture('cut-link-scenario') });
    expect(record.outcome?.status).toBe('completed');
    expect(instrumentsOf(record)).toEqual(['wait', 'cutLink']);
    const cut = eventsOf(record, 'instrument').find((event) => event.detail?.['instrument'] === 'cutLink');
    expect(cut?.detail).toMatchObject({ target: 'learner', linkIds: [expect.any(Number)] });
    const dropped = eventsOf(record, 'client-disconnected').find((event) => event.clientId === 'learner');
    expect(dropped?.reason).toBe('link cut by instrument');
    const connects = packetsOf(record, 'learner', 'in', 'connect');
    expect(new Set(connects.map((entry) => entry.linkId)).size).toBe(2);
    expect(connects[1]?.seq).toBeGreaterThan(cut?.seq ?? Infinity);
  });

  it('restartBroker({ keepSessions: true }) drops every link and keeps the session: Session Present 1 and the job queued meanwhile arrives', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', {
        clientId: 'learner', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: 60 }, reconnectPeriod: 50,
      });
      await client.subscribeAsync('jobs', { qos: 1 });
      const job = new Promise((resolve) => client.on('message', (_t, payload) => resolve(payload.toString())));
      await client.publishAsync('lab/go', 'go', { qos: 1 });
      const got = await job;
      await client.endAsync();
      export default got;
    `, { scenario: fixture('restart-scenario') });
    expect(record.outcome).toMatchObject({ status: 'completed', returned: 'job-1' });
    expect(instrumentsOf(record)).toEqual(['restartBroker']);
    expect(eventsOf(record, 'broker-restarted')[0]?.detail).toEqual({ keepSessions: true });
    const connacks = packetsOf(record, 'learner', 'out', 'connack');
    expect(connacks.map((entry) => entry.packet['sessionPresent'])).toEqual([false, true]);
    expect(eventsOf(record, 'client-disconnected').filter((event) => event.reason === 'broker restarted').map((event) => event.clientId).sort())
      .toEqual(['learner', 'watcher']);
  });

  it('dropNext loses the broker\'s PUBACK; after the cut the learner\'s client resends the PUBLISH with the same packet id', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = await mqtt.connectAsync('mqtt://sandbox', { clientId: 'learner', clean: false, reconnectPeriod: 50 });
      await client.publishAsync('lab/data', 'reading-1', { qos: 1 });
      await client.endAsync();
    `, { scenario: fixture('drop-puback-scenario') });
    expect(record.outcome?.status).toBe('completed');
    const dropped = eventsOf(record, 'instrument').filter((event) => event.detail?.['action'] === 'dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ clientId: 'learner', detail: { type: 'puback', direction: 'out' } });
    const sent = packetsOf(record, 'learner', 'in', 'publish');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.packet['messageId']).toBe(sent[0]?.packet['messageId']);
    expect(sent[1]?.linkId).not.toBe(sent[0]?.linkId);
  });

  it('refuseConnections closes each CONNECT without CONNACK for a second; MQTT.js keeps trying and gets in afterwards', async () => {
    const record = await runInNode(`
      import mqtt from 'mqtt';
      const client = mqtt.connect('mqtt://sandbox', { clientId: 'learner', reconnectPeriod: 100 });
      await new Promise((resolve) => client.once('connect', resolve));
      await client.endAsync();
    `, { scenario: fixture('refuse-scenario') });
    expect(record.outcome?.status).toBe('completed');
    expect(instrumentsOf(record)).toEqual(['refuseConnections']);
    const connects = packetsOf(record, 'learner', 'in', 'connect');
    const refused = eventsOf(record, 'connection-refused');
    expect(connects.length).toBeGreaterThanOrEqual(2);
    expect(refused).toHaveLength(connects.length - 1);
    expect(refused.every((event) => event.detail?.['instrument'] === 'refuseConnections')).toBe(true);
    // Only the last attempt got a CONNACK, and only once the second was over (on the broker clock).
    const connacks = packetsOf(record, 'learner', 'out', 'connack');
    expect(connacks).toHaveLength(1);
    const window = eventsOf(record, 'instrument')[0];
    expect(connects.at(-1)?.time ?? 0).toBeGreaterThanOrEqual((window?.time ?? Infinity) + 1000);
    expect(connects.slice(0, -1).every((connect) => connect.time < (window?.time ?? 0) + 1000)).toBe(true);
  });

  it('serves the learner\'s fetch from the scenario\'s routes and records every request and response; no other host is reachable', async () => {
    const record = await runInNode(`
      const commands = await (await fetch('http://api.lab/api/commands')).json();
      const stored = await fetch('http://api.lab/api/readings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ t: 21.5 }) });
      let outside = 'reached';
      try { await globalThis.fetch('https://example.com/'); } catch (error) { outside = error.message; }
      export default { commands, status: stored.status, outside };
    `, { scenario: fixture('http-scenario') });
    expect(record.outcome?.status).toBe('completed');
    expect(record.outcome?.returned).toEqual({
      commands: [{ id: 1, device: 'lamp', command: 'on' }],
      status: 201,
      outside: expect.stringMatching(/only http:\/\/api\.lab\/ can be reached/),
    });
    const exchanges = record.entries.flatMap((entry) =>
      entry.kind === 'event' && entry.event.startsWith('http-') ? [`${entry.event} ${String(entry.detail?.['method'])} ${String(entry.detail?.['path'])} ${String(entry.detail?.['status'] ?? '')} ${String(entry.detail?.['body'])}`] : []);
    expect(exchanges).toEqual([
      'http-request GET /api/commands  ',
      'http-response GET /api/commands 200 [{"id":1,"device":"lamp","command":"on"}]',
      'http-request POST /api/readings  {"t":21.5}',
      'http-response POST /api/readings 201 {"stored":true}',
      'http-request GET /  ',
      'http-response GET / 0 undefined',
    ]);
    // The handler's own PUBLISH happened between the request and the response.
    const request = eventsOf(record, 'http-request')[1]?.seq ?? -1;
    const response = eventsOf(record, 'http-response')[1]?.seq ?? -1;
    const stored = packetsOf(record, 'api-backend', 'in', 'publish')[0]?.seq ?? -1;
    expect(stored).toBeGreaterThan(request);
    expect(stored).toBeLessThan(response);
  });
});
