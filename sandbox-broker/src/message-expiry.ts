/**
 * MQTT 5.0 Message Expiry on the broker clock. aedes measures expiry with Date.now(), which a
 * virtual clock cannot move, so on the way in we replace the Message Expiry Interval by the
 * absolute expiry time (broker clock) in a private user property: aedes then never expires a
 * message by real time. On the way out ([MQTT-3.3.2-5], [MQTT-3.3.2-6]) an expired message is
 * dropped for every subscriber (3.1.1 ones included: the packets they get carry no properties,
 * so this is decided in aedes' authorizeForward hook), and a 5.0 subscriber gets the Message
 * Expiry Interval set to the time left, without the stamp.
 */
const STAMP = '$sandbox-expires-at';

type Properties = Record<string, unknown> & { userProperties?: Record<string, string | string[]> };

/** Returns new properties carrying the expiry stamp instead of the interval, or the same object when there is no expiry. */
export function stampExpiry(properties: Properties | undefined, now: number): Properties | undefined {
  const interval = properties?.['messageExpiryInterval'];
  if (!properties || typeof interval !== 'number') return properties;
  const { messageExpiryInterval: _interval, ...rest } = properties;
  return { ...rest, userProperties: { ...properties.userProperties, [STAMP]: String(now + interval * 1000) } };
}

/** True when the properties carry an expiry stamp that the broker clock has reached. */
export function hasExpired(properties: Properties | undefined, now: number): boolean {
  const stamp = properties?.userProperties?.[STAMP];
  return typeof stamp === 'string' && Number(stamp) <= now;
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
