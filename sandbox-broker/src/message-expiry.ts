/**
 * MQTT 5.0 Message Expiry on the broker clock. aedes measures expiry with Date.now(), which a
 * virtual clock cannot move, so on the way in we stamp the absolute expiry time (broker clock)
 * into a private user property, and on the way out ([MQTT-3.3.2-5], [MQTT-3.3.2-6]) we drop an
 * expired message or rewrite its Message Expiry Interval to the time left, removing the stamp.
 */
const STAMP = '$sandbox-expires-at';

type Properties = Record<string, unknown> & { userProperties?: Record<string, string | string[]> };

/** Returns new properties carrying the expiry stamp, or the same object when there is no expiry. */
export function stampExpiry(properties: Properties | undefined, now: number): Properties | undefined {
  const interval = properties?.['messageExpiryInterval'];
  if (!properties || typeof interval !== 'number') return properties;
  return { ...properties, userProperties: { ...properties.userProperties, [STAMP]: String(now + interval * 1000) } };
}

export type ExpiryOutcome = { expired: true } | { expired: false; properties: Properties | undefined; changed: boolean };

export function applyExpiry(properties: Properties | undefined, now: number): ExpiryOutcome {
  const stamp = properties?.userProperties?.[STAMP];
  if (!properties || typeof stamp !== 'string') return { expired: false, properties, changed: false };
  const remainingMs = Number(stamp) - now;
  if (remainingMs <= 0) return { expired: true };
  const { [STAMP]: _removed, ...userProperties } = properties.userProperties ?? {};
  const out: Properties = { ...properties, messageExpiryInterval: Math.ceil(remainingMs / 1000) };
  if (Object.keys(userProperties).length > 0) out.userProperties = userProperties;
  else delete out.userProperties;
  return { expired: false, properties: out, changed: true };
}
