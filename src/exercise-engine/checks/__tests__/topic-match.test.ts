import { describe, expect, it } from 'vitest';
import { topicMatches } from '../topic-match.ts';

describe('topicMatches', () => {
  it.each([
    ['sensors/+/temp', 'sensors/k/temp', true],
    ['sensors/+/temp', 'sensors/k/l/temp', false],
    ['sensors/#', 'sensors', true],
    ['sensors/#', 'sensors/a/b', true],
    ['#', 'a/b', true],
    ['+/+', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['+', '', true],
  ])('3.1.1 §4.7.1 %s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('3.1.1 [MQTT-4.7.2-1] a filter starting with a wildcard does not match $-topics', () => {
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('+/broker/uptime', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
  });
});
