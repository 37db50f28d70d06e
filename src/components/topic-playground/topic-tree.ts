/**
 * The playground's topic tree, generated from a small home-and-factory model so that each kind
 * of filter has something to match and something to miss: several depths, an empty first level,
 * a `$SYS` branch, case differences.
 */
import { topicMatches } from '../../../sandbox-broker/src/topic-match.ts';

const HOME_ROOMS = ['kitchen', 'garage'] as const;
const HOME_METRICS = ['temperature', 'humidity'] as const;

export function generateTopicTree(): string[] {
  const topics: string[] = [];
  for (const room of HOME_ROOMS) {
    for (const metric of HOME_METRICS) topics.push(`home/${room}/${metric}`);
  }
  topics.push(
    'home/kitchen/fridge/temperature',
    'home/kitchen/light/set',
    'home/kitchen',
    'home',
    'Home/kitchen/temperature',
    '/home/kitchen/temperature',
    'factory/line1/press-01/telemetry/pressure',
    'factory/line1/press-01/cmd/stop',
    'factory/line2/oven-02/telemetry/zone/2/temperature',
    'factory/line2/oven-02/alarm/overheat',
    '$SYS/broker/uptime',
    '$SYS/broker/clients/connected',
  );
  return topics;
}

export interface TopicMatch {
  topic: string;
  matched: boolean;
}

/** Each topic with whether the filter matches it, by the broker's own matcher. */
export function matchTopics(filter: string, topics: readonly string[]): TopicMatch[] {
  return topics.map((topic) => ({ topic, matched: topicMatches(filter, topic) }));
}

/** Example filters, each showing one rule. */
export const EXAMPLE_FILTERS = [
  'home/+/temperature',
  'home/#',
  'home/+',
  '+/+/+',
  '#',
  '$SYS/#',
  'factory/+/+/telemetry/#',
  'home/kit+',
  'home/#/temperature',
] as const;
