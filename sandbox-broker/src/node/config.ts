/**
 * The broker config file of `npm run broker --config file.(json|yaml)`: users, ACL and limits,
 * i.e. the plain-data subset of SandboxBrokerOptions. Unknown keys are refused, so a typo does
 * not silently leave a broker open.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SandboxBrokerOptions } from '../index.ts';
import { AUTHENTICATION_METHODS } from '../enhanced-auth/methods.ts';

const aclRule = z.strictObject({
  username: z.string().optional(),
  clientId: z.string().optional(),
  topic: z.string().min(1),
  access: z.enum(['publish', 'subscribe', 'readwrite']),
  allow: z.boolean(),
});

const brokerConfig = z.strictObject({
  users: z.record(z.string(), z.string()).optional(),
  allowAnonymous: z.boolean().optional(),
  /** MQTT 5.0 enhanced authentication methods, checked against `users`. */
  authenticationMethods: z.array(z.enum(AUTHENTICATION_METHODS)).optional(),
  acl: z.array(aclRule).optional(),
  maximumQoS: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  retainAvailable: z.boolean().optional(),
  maximumPacketSize: z.number().int().nonnegative().optional(),
  topicAliasMaximum: z.number().int().nonnegative().optional(),
  serverKeepAlive: z.number().int().nonnegative().optional(),
  receiveMaximum: z.number().int().positive().optional(),
  responseInformation: z.string().min(1).optional(),
  sys: z.union([z.literal(false), z.strictObject({ intervalMs: z.number().int().positive() })]).optional(),
  /** The MQTT-SN gateway (served with --sn-port): pre-defined topic ids as `"1": topic/name`. */
  mqttSn: z
    .strictObject({
      gatewayId: z.number().int().min(0).max(255).optional(),
      predefinedTopics: z.record(z.string().regex(/^[1-9]\d{0,4}$/, 'a pre-defined topic id is a number from 1 to 65534'), z.string().min(1)).optional(),
      lossRate: z.number().min(0).max(1).optional(),
      advertiseSeconds: z.number().int().positive().max(65535).optional(),
    })
    .optional(),
});

export type BrokerConfig = z.infer<typeof brokerConfig>;

/** Drops keys whose value is undefined: the broker options are `exactOptionalPropertyTypes`. */
function definedOnly(config: BrokerConfig): SandboxBrokerOptions {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as SandboxBrokerOptions;
}

export async function loadBrokerConfig(file: string): Promise<SandboxBrokerOptions> {
  const extension = extname(file).toLowerCase();
  if (extension !== '.json' && extension !== '.yaml' && extension !== '.yml') {
    throw new Error(`${file}: the config file must be .json, .yaml or .yml`);
  }
  const text = await readFile(file, 'utf8');
  const data: unknown = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  const result = brokerConfig.safeParse(data ?? {});
  if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  return definedOnly(result.data);
}
