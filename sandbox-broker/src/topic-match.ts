/**
 * MQTT topic-filter matching (3.1.1 §4.7 / 5.0 §4.7), the broker's own rules: '+' matches one
 * level, '#' the parent and every level below, and filters starting with a wildcard never match
 * topics starting with '$' ([MQTT-4.7.2-1]).
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * True when every topic `inner` can match is also matched by `outer` (used for subscribe ACLs:
 * a rule on `sensors/#` covers a subscription to `sensors/+/temp` but not to `#`).
 */
export function filterCovers(outer: string, inner: string): boolean {
  const o = outer.split('/');
  const n = inner.split('/');
  for (let i = 0; i < o.length; i++) {
    const level = o[i];
    if (level === '#') return i === o.length - 1;
    if (i >= n.length) return false;
    const innerLevel = n[i];
    if (innerLevel === '#') return false;
    if (level === '+') continue;
    if (innerLevel === '+' || level !== innerLevel) return false;
  }
  return o.length === n.length;
}

/** A valid Topic Name for PUBLISH: non-empty, no wildcards, no U+0000 ([MQTT-3.3.2-2], [MQTT-4.7.3-1], [MQTT-4.7.3-2]). */
export function isValidTopicName(topic: string): boolean {
  return topic.length > 0 && !/[#+\u0000]/.test(topic);
}

/** A valid Topic Filter ([MQTT-4.7.1-1..3], [MQTT-4.7.3-1], [MQTT-4.7.3-2]). */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0 || filter.includes('\u0000')) return false;
  const levels = filter.split('/');
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1;
    if (level.includes('+')) return level === '+';
    return true;
  });
}
