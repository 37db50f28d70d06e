/**
 * Retained `$`-topics and wildcard filters: a new subscription whose filter starts with a
 * wildcard must not receive retained `$SYS` messages, as live forwarding already did not.
 * Written by the module 2 author against aedes 2.0.0-beta.1, which looked retained messages up
 * with its own matcher (the first two tests failed); they pass since the broker fix in 0fc9756.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient } from './helpers.ts';

let broker: SandboxBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('retained $-topics and wildcard filters', () => {
  it('3.1.1 [MQTT-4.7.2-1] / 5.0 [MQTT-4.7.2-1] a new `#` subscription does not receive the retained $SYS statistics', async () => {
    broker = createSandboxBroker({ clock: 'virtual', sys: { intervalMs: 10_000 } });
    await broker.ready;
    const logger = await connectClient(broker, { clientId: 'logger' });
    const received = collect(logger);
    await logger.subscribeAsync('#', { qos: 0 });
    await settle();
    expect(received.map((packet) => packet.topic)).toEqual([]);
    await logger.endAsync();
  });

  it('3.1.1 [MQTT-4.7.2-1] a new `+/broker/uptime` subscription does not receive the retained $SYS/broker/uptime', async () => {
    broker = createSandboxBroker({ clock: 'virtual', sys: { intervalMs: 10_000 } });
    await broker.ready;
    const logger = await connectClient(broker, { clientId: 'logger' });
    const received = collect(logger);
    await logger.subscribeAsync('+/broker/uptime', { qos: 0 });
    await settle();
    expect(received.map((packet) => packet.topic)).toEqual([]);
    await logger.endAsync();
  });

  it('3.1.1 [MQTT-4.7.2-1] live $SYS publications are not forwarded to an established `#` subscription (passes)', async () => {
    broker = createSandboxBroker({ clock: 'virtual', sys: { intervalMs: 10_000 } });
    await broker.ready;
    const logger = await connectClient(broker, { clientId: 'logger' });
    await logger.subscribeAsync('#', { qos: 0 });
    await settle();
    const received = collect(logger);
    await broker.clock.advance(10_000);
    await settle();
    expect(received.map((packet) => packet.topic)).toEqual([]);
    await logger.endAsync();
  });
});
