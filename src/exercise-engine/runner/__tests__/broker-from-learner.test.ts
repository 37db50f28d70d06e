/**
 * Exercises whose broker the learner configures: the learner's default export becomes the
 * broker's users / ACL before the scenario's clients connect. Real broker, real MQTT.js.
 */
import { describe, expect, it } from 'vitest';
import type { PacketEntry } from '../../../../sandbox-broker/src/record-types.ts';
import { brokerOptionsFromReturned } from '../broker-from-learner.ts';
import { runInNode } from '../run-in-node.ts';

describe('brokerOptionsFromReturned', () => {
  it('takes an array as the ACL and keeps the exercise\'s own options', () => {
    const rules = [{ topic: 'a/#', access: 'subscribe', allow: true }];
    expect(brokerOptionsFromReturned({ users: { u: 'p' } }, rules)).toEqual({ ok: true, options: { users: { u: 'p' }, acl: rules } });
  });

  it('takes { users, allowAnonymous, acl }, limits and bridges, and nothing else (the nodes and the clock stay the exercise\'s)', () => {
    expect(brokerOptionsFromReturned({}, { allowAnonymous: false }).ok).toBe(true);
    expect(brokerOptionsFromReturned({}, { acl: [], maximumQoS: 1, maximumPacketSize: 2048, retainAvailable: false, serverKeepAlive: 60 }).ok).toBe(true);
    const bridge = { name: 'b', local: 'site', remote: 'cloud', topics: [{ pattern: 'x/#', direction: 'out', qos: 1, remotePrefix: 'site/' }] };
    expect(brokerOptionsFromReturned({ nodes: [{ name: 'site' }, { name: 'cloud' }] }, { bridges: [bridge] })).toMatchObject({ ok: true, options: { nodes: [{ name: 'site' }, { name: 'cloud' }], bridges: [bridge] } });
    expect(brokerOptionsFromReturned({}, { acl: [], nodes: [{ name: 'a' }] }).ok).toBe(false);
    expect(brokerOptionsFromReturned({}, { clock: 'virtual' }).ok).toBe(false);
  });

  it('names the problem in a malformed rule', () => {
    const reading = brokerOptionsFromReturned({}, [{ topic: 'a', access: 'write', allow: true }]);
    expect(reading).toMatchObject({ ok: false });
    expect(reading.ok ? '' : reading.message).toContain('access');
  });
});

/** The scenario: one client subscribes to `secret/#` before the learner's code runs. */
const scenarioUrl = new URL('./fixtures/subscribe-secret-scenario.ts', import.meta.url).href;

const subacks = (entries: readonly unknown[]): number[][] =>
  entries
    .filter((entry): entry is PacketEntry => (entry as PacketEntry).kind === 'packet' && (entry as PacketEntry).packet.cmd === 'suback')
    .map((entry) => entry.packet['granted'] as number[]);

describe('runInNode with learnerConfiguresBroker', () => {
  it('5.0 §3.9.3 the scenario meets the learner\'s ACL: a refused subscription gets SUBACK 0x87', { timeout: 20_000 }, async () => {
    const code = "export default [{ topic: 'public/#', access: 'readwrite', allow: true }];";
    const record = await runInNode(code, { scenario: scenarioUrl, learnerConfiguresBroker: true });
    expect(record.outcome).toMatchObject({ status: 'completed', returned: [{ topic: 'public/#' }] });
    expect(subacks(record.entries)).toEqual([[0x87]]);
  });

  it('the same scenario is granted when the learner\'s ACL allows it', { timeout: 20_000 }, async () => {
    const code = "export default [{ topic: 'secret/#', access: 'subscribe', allow: true }];";
    const record = await runInNode(code, { scenario: scenarioUrl, learnerConfiguresBroker: true });
    expect(subacks(record.entries)).toEqual([[1]]);
  });

  it('a default export that is not a configuration ends the run as "threw" with the reason', { timeout: 20_000 }, async () => {
    const record = await runInNode("export default 'allow everything';", { scenario: scenarioUrl, learnerConfiguresBroker: true });
    expect(record.outcome?.status).toBe('threw');
    expect(record.outcome?.message).toContain('not a broker configuration');
    expect(subacks(record.entries)).toEqual([]);
  });

  it('a bridge the broker refuses (a node the exercise does not have) ends the run as "threw", naming the node', { timeout: 20_000 }, async () => {
    const code = "export default { bridges: [{ name: 'b', local: 'site', remote: 'moon', topics: [{ pattern: '#', direction: 'out' }] }] };";
    const record = await runInNode(code, { broker: { nodes: [{ name: 'site' }, { name: 'cloud' }] }, learnerConfiguresBroker: true });
    expect(record.outcome?.status).toBe('threw');
    expect(record.outcome?.message).toContain('no node "moon"');
  });
});
