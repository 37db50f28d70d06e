/**
 * How a specification reference is printed and linked everywhere (lesson facts, exercises, check
 * verdicts, quiz feedback). Kept free of zod so the interactive islands can use it without the schema.
 */
export interface SpecRefLike {
  /** 'SN-1.2': MQTT For Sensor Networks (MQTT-SN) Protocol Specification Version 1.2 (IBM, 2013), cited by section. */
  version: '3.1.1' | '5.0' | 'SN-1.2';
  statement?: string | undefined;
  section?: string | undefined;
}

/** "3.1.1 [MQTT-3.3.1-5]", "5.0 §4.8.2" or "MQTT-SN 1.2 §6.14". */
export function formatSpecRef(ref: SpecRefLike): string {
  const version = ref.version === 'SN-1.2' ? 'MQTT-SN 1.2' : ref.version;
  return ref.statement ? `${version} [${ref.statement}]` : `${version} §${ref.section ?? ''}`;
}

const SPEC_URLS: Record<SpecRefLike['version'], string> = {
  '3.1.1': 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
  '5.0': 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
  // The IBM specification as the OASIS MQTT TC publishes it.
  'SN-1.2': 'https://www.oasis-open.org/committees/download.php/66091/MQTT-SN_spec_v1.2.pdf',
};

/** The OASIS specification document a reference points into. */
export function specUrl(ref: SpecRefLike): string {
  return SPEC_URLS[ref.version];
}
