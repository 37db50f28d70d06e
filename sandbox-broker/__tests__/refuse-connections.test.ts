import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { connectClient, createClient, end, events } from './helpers.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('instruments.refuseConnections (the broker is down for a while)', () => {
  it('closes a CONNECT without CONNACK while it lasts, records it, and lets the same client in once it is over', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    broker.instruments.refuseConnections(5000, { clientId: 'dev' });
    const refused = createClient(broker, { clientId: 'dev' });
    await new Promise<void>((resolve) => refused.once('close', () => resolve()));
    expect(refused.connected).toBe(false);
    refused.end(true);
    const entries = broker.recorder.entries;
    expect(entries.some((e) => e.kind === 'packet' && e.packet.cmd === 'connack')).toBe(false);
    expect(events(broker, 'connection-refused')[0]).toMatchObject({ clientId: 'dev', detail: { instrument: 'refuseConnections' } });
    expect(events(broker, 'instrument')[0]).toMatchObject({ detail: { instrument: 'refuseConnections', ms: 5000, clientId: 'dev' } });

    // Another client id is not affected; after 5 s on the broker clock, dev gets in.
    const other = await connectClient(broker, { clientId: 'other' });
    await broker.clock.advance(5000);
    const back = await connectClient(broker, { clientId: 'dev' });
    expect(back.connack.reasonCode).toBe(0);
    await end(other, back);
  });

  it('without a client id refuses everyone', async () => {
    broker = createSandboxBroker({ clock: 'virtual' });
    broker.instruments.refuseConnections(1000);
    await expect(connectClient(broker, { clientId: 'a', protocolVersion: 4 })).rejects.toThrow(/closed before CONNACK/);
    await broker.clock.advance(1000);
    const a = await connectClient(broker, { clientId: 'a', protocolVersion: 4 });
    await end(a);
  });
});
