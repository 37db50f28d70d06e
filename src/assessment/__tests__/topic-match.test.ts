import { describe, expect, it } from 'vitest';
import { topicMatches } from '../topic-match';

/** The matcher that grades topic-match questions: the broker's own, checked against the spec's examples. */
describe('topic filter matching for quiz grading', () => {
  it.each([
    ['sport/tennis/player1/#', 'sport/tennis/player1', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/#', 'sport', true],
    ['#', 'sport/tennis', true],
  ])('3.1.1 §4.7.1.2 multi-level wildcard: %s matches %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it.each([
    ['sport/tennis/+', 'sport/tennis/player1', true],
    ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
  ])('3.1.1 §4.7.1.3 single-level wildcard: %s matches %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it.each([
    ['#', '$SYS/broker/uptime', false],
    ['+/monitor/Clients', '$SYS/monitor/Clients', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['$SYS/monitor/+', '$SYS/monitor/Clients', true],
  ])('3.1.1 [MQTT-4.7.2-1] / 5.0 §4.7.2 $-topics: %s matches %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('3.1.1 §4.7.3 topic names are case sensitive', () => {
    expect(topicMatches('ACCOUNTS', 'Accounts')).toBe(false);
  });
});
