/**
 * The link forwards aedes' CONNACK at once, while aedes is still finishing the connection (it
 * pauses the client to resume the session). A fast client can publish, disconnect and close its
 * socket in that window; the link must not end aedes' side of the connection before aedes has
 * read what the client sent, or messages sent before the DISCONNECT are lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxBroker, type SandboxBroker } from '../src/index.ts';
import { collect, connectClient, end, sleep } from './helpers.ts';
import { rawConnection } from './raw-connection.ts';

let broker: SandboxBroker;
afterEach(async () => {
  await broker.close();
});

describe('packets sent while aedes is still connecting the client', () => {
  it.each([4, 5] as const)('every QoS 0 PUBLISH a client sends right after the CONNACK, before its DISCONNECT, is delivered in order (protocol level %i)', async (protocolVersion) => {
    broker = createSandboxBroker();
    const sub = await connectClient(broker, { protocolVersion: 5, clientId: 'sub' });
    await sub.subscribeAsync('burst/#');
    const got = collect(sub);
    for (let round = 0; round < 10; round++) {
      const raw = rawConnection(broker, protocolVersion);
      raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion, clientId: `pub-${round}`, clean: true, keepalive: 0 });
      await raw.next(); // CONNACK
      // All at once, then the socket closes, as a client does that publishes and leaves.
      for (let i = 0; i < 5; i++) raw.send({ cmd: 'publish', topic: `burst/${round}`, payload: Buffer.from(String(i)), qos: 0, retain: false, dup: false });
      raw.send({ cmd: 'disconnect' });
      raw.destroy();
    }
    await sleep(200);
    const byRound = Array.from({ length: 10 }, (_, round) => got.filter((p) => p.topic === `burst/${round}`).map((p) => p.payload.toString()).join(''));
    expect(byRound).toEqual(Array.from({ length: 10 }, () => '01234'));
    await end(sub);
  });
});
