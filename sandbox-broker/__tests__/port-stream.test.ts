import { describe, expect, it } from 'vitest';
import { nodeChannel } from './node-ports.ts';
import { once } from 'node:events';
import { Aedes } from 'aedes';
import { MqttClient, type IPublishPacket } from 'mqtt';
import type { Duplex } from 'readable-stream';
import { portStream } from '../src/worker/port-stream.ts';

function streamPair(): [Duplex, Duplex] {
  const { port1, port2 } = nodeChannel();
  return [portStream(port1), portStream(port2)];
}

async function readBytes(stream: Duplex, count: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < count) {
    const [chunk] = (await once(stream, 'data')) as [Buffer];
    chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks);
}

describe('portStream over a MessageChannel', () => {
  it('carries bytes both ways', async () => {
    const [a, b] = streamPair();
    a.write(Buffer.from('hello'));
    expect((await readBytes(b, 5)).toString()).toBe('hello');
    b.write(Buffer.from('world!'));
    expect((await readBytes(a, 6)).toString()).toBe('world!');
    a.destroy();
  });

  it('copies each chunk, so a writer reusing its buffer does not corrupt what was sent', async () => {
    const [a, b] = streamPair();
    const reused = Buffer.from('first');
    a.write(reused);
    reused.write('XXXXX');
    expect((await readBytes(b, 5)).toString()).toBe('first');
    a.destroy();
  });

  it('applies backpressure: write() returns false while the reader does not read, and drain follows reading', async () => {
    const [a, b] = streamPair();
    b.pause();
    const chunk = Buffer.alloc(8 * 1024, 1);
    let writes = 0;
    while (a.write(chunk)) {
      writes += 1;
      if (writes > 1000) throw new Error('write() never returned false: no backpressure');
    }
    // Give the port time to deliver everything already sent: the writer must still be blocked.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.writableNeedDrain).toBe(true);
    const drained = once(a, 'drain');
    b.resume();
    await drained;
    a.destroy();
  });

  it('ends the reading side when the writing side ends', async () => {
    const [a, b] = streamPair();
    b.resume();
    const ended = once(b, 'end');
    a.end();
    await ended;
  });

  it('destroys the other end when one end is destroyed', async () => {
    const [a, b] = streamPair();
    const closed = once(b, 'close');
    a.destroy();
    await closed;
    expect(b.destroyed).toBe(true);
  });
});

describe('portStream between real MQTT.js and real aedes', () => {
  async function startBroker() {
    const broker = await Aedes.createBroker({ drainTimeout: 0 });
    const connectClient = async (clientId: string, extra: Record<string, unknown> = {}) => {
      const streamBuilder = (): Duplex => {
        const [clientEnd, brokerEnd] = streamPair();
        broker.handle(brokerEnd as never);
        return clientEnd;
      };
      const client = new MqttClient(streamBuilder as never, { clientId, protocolVersion: 5, reconnectPeriod: 0, ...extra });
      await new Promise((resolve) => client.once('connect', resolve));
      return client;
    };
    const close = () => new Promise<void>((resolve) => broker.close(() => resolve()));
    return { connectClient, close };
  }

  it('delivers QoS 0, 1 and 2 publications to a subscriber on the same link', async () => {
    const broker = await startBroker();
    const client = await broker.connectClient('pub-sub');
    await client.subscribeAsync('lab/#', { qos: 2 });
    const received: { topic: string; qos: number; payload: string }[] = [];
    client.on('message', (topic, payload, packet: IPublishPacket) => {
      received.push({ topic, qos: packet.qos, payload: payload.toString() });
    });
    await client.publishAsync('lab/q0', 'zero', { qos: 0 });
    await client.publishAsync('lab/q1', 'one', { qos: 1 });
    await client.publishAsync('lab/q2', 'two', { qos: 2 });
    await expect.poll(() => received.length).toBe(3);
    expect(received).toEqual([
      { topic: 'lab/q0', qos: 0, payload: 'zero' },
      { topic: 'lab/q1', qos: 1, payload: 'one' },
      { topic: 'lab/q2', qos: 2, payload: 'two' },
    ]);
    await client.endAsync();
    await broker.close();
  });

  it('3.1.1 [MQTT-3.1.2-8] a client link destroyed without DISCONNECT makes the broker publish its will', async () => {
    const broker = await startBroker();
    const watcher = await broker.connectClient('watcher');
    await watcher.subscribeAsync('lab/status/+', { qos: 1 });
    const will = new Promise<[string, Buffer]>((resolve) => watcher.once('message', (topic, payload) => resolve([topic, payload])));
    const doomed = await broker.connectClient('doomed', {
      will: { topic: 'lab/status/doomed', payload: Buffer.from('gone'), qos: 1, retain: false },
    });
    // Destroying the client's end of the link stands in for a killed learner worker.
    (doomed.stream as unknown as Duplex).destroy();
    const [topic, payload] = await will;
    expect(topic).toBe('lab/status/doomed');
    expect(payload.toString()).toBe('gone');
    doomed.end(true);
    await watcher.endAsync();
    await broker.close();
  });
});
