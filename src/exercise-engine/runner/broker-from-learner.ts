/**
 * Exercises where the learner writes the broker's security configuration (users, ACL rules) and
 * the scenario's clients probe it (`learnerConfiguresBroker: true` in exercise.yaml).
 *
 * The broker of a run is configured before any code runs, so the learner's code runs twice, each
 * time in a fresh learner worker with the usual limits: first alone, to obtain its default export;
 * then the broker is reset with the exercise's broker options plus that configuration, and the
 * code runs again with the scenario, whose attacker and device clients meet the learner's rules.
 * The second run's record is the one graded; its outcome carries the configuration as `returned`.
 */
import { z } from 'zod';
import type { SandboxBrokerOptions } from '../../../sandbox-broker/src/index.ts';
import type { RunRecord } from '../../../sandbox-broker/src/record-types.ts';
import { runLearnerCode, type RunRequest } from './run-controller.ts';

const AclRuleSchema = z.strictObject({
  username: z.string().optional(),
  clientId: z.string().optional(),
  topic: z.string().min(1),
  access: z.enum(['publish', 'subscribe', 'readwrite']),
  allow: z.boolean(),
});

/** A bridge's topic line and connection (module 5), as sandbox-broker/src/options.ts describes them. */
const BridgeTopicSchema = z.strictObject({
  pattern: z.string().min(1),
  direction: z.enum(['out', 'in', 'both']),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  localPrefix: z.string().optional(),
  remotePrefix: z.string().optional(),
});
const BridgeSchema = z.strictObject({
  name: z.string().min(1),
  local: z.string().min(1),
  remote: z.string().min(1),
  topics: z.array(BridgeTopicSchema).min(1),
  remoteUsername: z.string().optional(),
  remotePassword: z.string().optional(),
  localUsername: z.string().optional(),
  localPassword: z.string().optional(),
  cleanStart: z.boolean().optional(),
});

/**
 * What the learner may configure: who may connect and what each client may do; from module 5 also
 * the limits a broker announces and enforces, and bridges between the exercise's nodes. The nodes
 * themselves, the clock and everything else stay the exercise's.
 */
const LearnerBrokerConfigSchema = z.strictObject({
  users: z.record(z.string(), z.string()).optional(),
  allowAnonymous: z.boolean().optional(),
  acl: z.array(AclRuleSchema).optional(),
  maximumQoS: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  retainAvailable: z.boolean().optional(),
  maximumPacketSize: z.number().int().nonnegative().optional(),
  serverKeepAlive: z.number().int().nonnegative().optional(),
  receiveMaximum: z.number().int().positive().optional(),
  topicAliasMaximum: z.number().int().nonnegative().optional(),
  bridges: z.array(BridgeSchema).optional(),
});

export type LearnerBrokerConfig = z.infer<typeof LearnerBrokerConfigSchema>;

export type ConfigReading = { ok: true; options: SandboxBrokerOptions } | { ok: false; message: string };

/**
 * The broker options for the graded run: the exercise's own options, then the learner's.
 * A bare array is taken as the ACL rule list.
 */
export function brokerOptionsFromReturned(base: SandboxBrokerOptions, returned: unknown): ConfigReading {
  const candidate = Array.isArray(returned) ? { acl: returned } : returned;
  const result = LearnerBrokerConfigSchema.safeParse(candidate);
  if (!result.success) {
    return {
      ok: false,
      message: `Your default export is not a broker configuration ({ users?, allowAnonymous?, acl?, limits such as maximumQoS?, bridges? } or an array of ACL rules): ${z.prettifyError(result.error)}`,
    };
  }
  // The broker options are `exactOptionalPropertyTypes`: keep only the keys the learner set.
  const learner = Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) as SandboxBrokerOptions;
  return { ok: true, options: { ...base, ...learner } };
}

/** `runLearnerCode` for an exercise whose broker the learner configures (see the file comment). */
export async function runWithLearnerBroker(request: RunRequest, base: SandboxBrokerOptions): Promise<RunRecord> {
  const { scenario: _scenario, ...withoutScenario } = request;
  const first = await runLearnerCode(withoutScenario);
  if (first.outcome?.status !== 'completed') return first;
  const reading = brokerOptionsFromReturned(base, first.outcome.returned);
  if (!reading.ok) return { ...first, outcome: { status: 'threw', message: reading.message } };
  try {
    await request.host.reset(reading.options);
  } catch (error) {
    // The broker checks what the schema cannot: e.g. a bridge naming a node the exercise does not have.
    return { ...first, outcome: { status: 'threw', message: `The broker refused your configuration: ${error instanceof Error ? error.message : String(error)}` } };
  }
  return runLearnerCode(request);
}
