/**
 * How a check's spec reference is printed and linked in the result panel: "3.1.1 [MQTT-4.3.2-2]"
 * or "5.0 §4.3". Same format as content-schema/spec-ref.ts, without its zod schema, which would
 * add ~50 KB to the island.
 */
import type { SpecRef } from '../../exercise-engine/checks/check-types.ts';

export function specLabel(ref: SpecRef): string {
  return ref.statement ? `${ref.version} [${ref.statement}]` : `${ref.version} §${ref.section ?? ''}`;
}

const SPEC_DOCUMENTS: Record<SpecRef['version'], string> = {
  '3.1.1': 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
  '5.0': 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
};

export const specHref = (ref: SpecRef): string => SPEC_DOCUMENTS[ref.version];
