import { z } from 'astro/zod';

/**
 * A reference to the MQTT specification behind a rule. The version is required because 5.0
 * renumbered many normative statements: "MQTT-3.1.2-24" means different things in 3.1.1 and 5.0.
 * 'SN-1.2' is MQTT-SN v1.2 (IBM, 2013), which has no numbered statements: it is cited by section.
 */
export const specRefSchema = z
  .object({
    version: z.enum(['3.1.1', '5.0', 'SN-1.2']),
    /** A normative statement id, e.g. "MQTT-3.3.1-5". */
    statement: z
      .string()
      .regex(/^MQTT-\d+\.\d+\.\d+-\d+$/, 'a normative statement id looks like "MQTT-3.3.1-5"')
      .optional(),
    /** A section number, e.g. "4.3.2", when the rule is not a single numbered statement. */
    section: z
      .string()
      .regex(/^\d+(\.\d+)*$/, 'a section number looks like "4.3.2"')
      .optional(),
    /** What the statement says, in a few words. */
    title: z.string().optional(),
  })
  .strict()
  .refine((ref) => ref.statement !== undefined || ref.section !== undefined, {
    message: 'a spec reference needs a statement or a section',
  })
  .refine((ref) => ref.version !== 'SN-1.2' || ref.statement === undefined, {
    message: 'MQTT-SN 1.2 has no numbered statements: cite a section, e.g. { version: SN-1.2, section: "6.14" }',
  });

export type SpecRef = z.infer<typeof specRefSchema>;

export { formatSpecRef, specUrl } from './spec-ref-format';
