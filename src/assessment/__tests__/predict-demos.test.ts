import { describe, expect, it } from 'vitest';
import type { PacketEntry, RecordEntry } from '../../../sandbox-broker/src/record-types.ts';
import { DemoPlayer } from '../../demos/demo-player.ts';
import { createNodeDemoBackend } from '../../demos/node-backend.ts';
import demo from '../../../exercises/01-fundamentals/demos/retained-late-subscriber.ts';

/**
 * A predict-then-observe question shows its demo as the answer, so the demo must really do what
 * the question's correct choice says — on the real sandbox broker with real MQTT.js clients.
 */
async function play(): Promise<RecordEntry[]> {
  const backend = createNodeDemoBackend(demo.brokerOptions ?? {});
  const entries: RecordEntry[] = [];
  backend.onEntry((entry) => entries.push(entry));
  const player = new DemoPlayer(demo, backend);
  await player.play();
  expect(player.snapshot.error).toBeUndefined();
  expect(player.snapshot.status).toBe('finished');
  await backend.close();
  return entries;
}

const packets = (entries: RecordEntry[]) => entries.filter((entry): entry is PacketEntry => entry.kind === 'packet');

describe('01-fundamentals/retained-for-late-subscriber (predict, then observe)', () => {
  it('5.0 §3.3.1.3 (3.1.1 [MQTT-3.3.1-6]): the late subscriber receives the retained PUBLISH, with RETAIN set, after its SUBACK', async () => {
    const record = packets(await play());
    const sensorGone = record.findIndex((entry) => entry.clientId === 'sensor' && entry.packet.cmd === 'disconnect');
    const suback = record.findIndex((entry) => entry.clientId === 'dashboard' && entry.packet.cmd === 'suback');
    const delivered = record.findIndex(
      (entry) => entry.clientId === 'dashboard' && entry.direction === 'out' && entry.packet.cmd === 'publish',
    );
    expect(sensorGone).toBeGreaterThanOrEqual(0);
    expect(suback).toBeGreaterThan(sensorGone);
    expect(delivered).toBeGreaterThan(suback);
    const publish = record[delivered]!.packet as { topic?: string; retain?: boolean; payload?: { utf8?: string } };
    expect(publish).toMatchObject({ topic: 'home/kitchen/temperature', retain: true, payload: { utf8: '21.5' } });
  });
});
