import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../src/node/config.ts';

describe('the node-mode config file', () => {
  let dir: string;
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'node-config-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads users, ACL and limits from JSON and YAML alike', async () => {
    const options = { users: { alice: 'pw' }, acl: [{ username: 'alice', topic: 'lab/#', access: 'readwrite', allow: true }], maximumQoS: 1 };
    const fromJson = await loadBrokerConfig(await file('broker.json', JSON.stringify(options)));
    const fromYaml = await loadBrokerConfig(await file('broker.yaml', 'users: { alice: pw }\nacl:\n  - { username: alice, topic: "lab/#", access: readwrite, allow: true }\nmaximumQoS: 1\n'));
    expect(fromJson).toEqual(options);
    expect(fromYaml).toEqual(options);
  });

  it('reads the Response Information prefix offered to clients that ask for it (5.0 §3.2.2.3.15)', async () => {
    expect(await loadBrokerConfig(await file('ri.yaml', 'responseInformation: "replies/%c"\n'))).toEqual({ responseInformation: 'replies/%c' });
  });

  it('refuses an unknown key, so a typo cannot leave the broker open', async () => {
    await expect(loadBrokerConfig(await file('typo.yaml', 'user:\n  alice: pw\n'))).rejects.toThrow(/typo\.yaml/);
  });

  it('enables MQTT 5.0 enhanced authentication methods by name, and refuses a method it does not implement', async () => {
    expect(await loadBrokerConfig(await file('scram.yaml', 'users: { alice: pw }\nauthenticationMethods: [SCRAM-SHA-256]\n'))).toEqual({ users: { alice: 'pw' }, authenticationMethods: ['SCRAM-SHA-256'] });
    await expect(loadBrokerConfig(await file('kerberos.yaml', 'authenticationMethods: [KERBEROS]\n'))).rejects.toThrow(/authenticationMethods/);
  });

  it('refuses a value of the wrong kind', async () => {
    await expect(loadBrokerConfig(await file('qos.json', '{"maximumQoS": 3}'))).rejects.toThrow(/maximumQoS/);
  });
});
