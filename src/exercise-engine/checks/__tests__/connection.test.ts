import { describe, expect, it } from 'vitest';
import { connectedWith, disconnectedCleanly } from '../connection.ts';
import { connected, RecordBuilder } from './record-builder.ts';

describe('connectedWith', () => {
  it('3.1.1 §3.1.2.4 passes for an accepted CONNECT with Clean Session set, naming the client', () => {
    const verdict = connectedWith({ cleanStart: true, clientIdChosen: true }).run(connected(new RecordBuilder(), 1, 'ada').build());
    expect(verdict.pass).toBe(true);
    expect(verdict.seen).toContain('`ada`');
    expect(verdict.spec).toMatchObject({ version: '3.1.1', section: '3.1.2.4' });
  });

  it('3.1.1 §3.1.2.4 fails when Clean Session is unset, saying what was seen', () => {
    const verdict = connectedWith({ cleanStart: true }).run(connected(new RecordBuilder(), 1, 'ada', false).build());
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('clean start/session unset');
  });

  it('fails when the broker refused the CONNECT', () => {
    const record = new RecordBuilder()
      .packet(1, '', 'in', { cmd: 'connect', clientId: 'ada', clean: true, protocolVersion: 4 })
      .packet(1, 'ada', 'out', { cmd: 'connack', returnCode: 5 })
      .build();
    const verdict = connectedWith({ cleanStart: true }).run(record);
    expect(verdict.pass).toBe(false);
    expect(verdict.seen).toContain('did not accept');
  });

  it('fails with "no CONNECT packet at all" on an empty record', () => {
    expect(connectedWith().run(new RecordBuilder().build())).toMatchObject({ pass: false, seen: 'no CONNECT packet at all' });
  });

  it('does not count a scenario peer as the learner\'s client', () => {
    const record = connected(new RecordBuilder(), 1, 'display').withPeers('display').build();
    expect(connectedWith().run(record).pass).toBe(false);
    expect(connectedWith({ client: 'display' }).run(record).pass).toBe(true);
  });
});

describe('disconnectedCleanly', () => {
  it('3.1.1 §3.14 passes when the client sent DISCONNECT', () => {
    const record = connected(new RecordBuilder(), 1, 'ada').packet(1, 'ada', 'in', { cmd: 'disconnect' }).build();
    expect(disconnectedCleanly().run(record).pass).toBe(true);
  });

  it('3.1.1 §3.14 fails when the connection just dropped', () => {
    const record = connected(new RecordBuilder(), 1, 'ada').event('client-disconnected', { clientId: 'ada', linkId: 1 }).build();
    expect(disconnectedCleanly().run(record)).toMatchObject({ pass: false, seen: 'the connection was never ended with DISCONNECT' });
  });
});
