/** The schema of `exercise.yaml`. */
import { z } from 'zod';
import { CRITERION_IDS } from '../../assessment/criteria.ts';

export const SpecRefSchema = z
  .strictObject({
    /** 'SN-1.2': MQTT-SN v1.2, cited by section only (it has no numbered statements). */
    version: z.enum(['3.1.1', '5.0', 'SN-1.2']),
    statement: z.string().regex(/^MQTT-\d+(\.\d+)*-\d+$/, 'expected a statement id like MQTT-3.3.1-5').optional(),
    section: z.string().regex(/^\d+(\.\d+)*$/, 'expected a section number like 4.3.2').optional(),
    title: z.string().optional(),
  })
  .refine((ref) => ref.version !== 'SN-1.2' || (ref.statement === undefined && ref.section !== undefined), {
    message: 'an MQTT-SN 1.2 reference needs a section and no statement id (the specification numbers none)',
  });

/**
 * When a run is over. The default ends it once the learner's top-level code has finished and
 * either all its clients have ended or nothing moved on its connections for `idleMs`.
 * `afterMs` instead ends it at a fixed time, for exercises that listen to a scenario that never stops.
 */
export const EndConditionSchema = z.strictObject({
  idleMs: z.number().int().positive().max(5000).optional(),
  afterMs: z.number().int().positive().optional(),
});

/** Options handed to `createSandboxBroker`; checked loosely here, the broker validates them itself. */
export const BrokerOptionsSchema = z.record(z.string(), z.unknown());

export const ExerciseMetaSchema = z.strictObject({
  title: z.string().min(1),
  module: z.string().regex(/^\d\d-[a-z0-9-]+$/, 'expected a module folder name like 01-fundamentals'),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  criteria: z.array(z.enum(CRITERION_IDS)).min(1),
  spec: z.array(SpecRefSchema).min(1),
  timeLimitMs: z.number().int().positive().max(60_000).default(5000),
  broker: BrokerOptionsSchema.default({}),
  end: EndConditionSchema.default({}),
  /** The learner's default export configures the broker (users, ACL) before the scenario runs: runner/broker-from-learner.ts. */
  learnerConfiguresBroker: z.boolean().default(false),
});

export type ExerciseMeta = z.infer<typeof ExerciseMetaSchema>;
export type EndCondition = z.infer<typeof EndConditionSchema>;
