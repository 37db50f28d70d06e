/**
 * How a specification reference is printed and linked everywhere (lesson facts, exercises, check
 * verdicts, quiz feedback). Kept free of zod so the interactive islands can use it without the schema.
 */
export interface SpecRefLike {
  version: '3.1.1' | '5.0';
  statement?: string | undefined;
  section?: string | undefined;
}

/** "3.1.1 [MQTT-3.3.1-5]" or "5.0 §4.8.2". */
export function formatSpecRef(ref: SpecRefLike): string {
  return ref.statement ? `${ref.version} [${ref.statement}]` : `${ref.version} §${ref.section ?? ''}`;
}

const SPEC_URLS: Record<SpecRefLike['version'], string> = {
  '3.1.1': 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
  '5.0': 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
};

/** The OASIS specification document a reference points into. */
export function specUrl(ref: SpecRefLike): string {
  return SPEC_URLS[ref.version];
}
