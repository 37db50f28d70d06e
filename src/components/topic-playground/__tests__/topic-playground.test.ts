/** The playground's logic: filter verdicts that name the rule broken, and matching by the broker's own matcher. */
import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isValidTopicFilter } from '../../../../sandbox-broker/src/topic-match.ts';
import { checkFilter, topicNameErrors } from '../filter-rules.ts';
import { EXAMPLE_FILTERS, generateTopicTree, matchTopics } from '../topic-tree.ts';
import TopicPlayground from '../TopicPlayground.tsx';

const matched = (filter: string): string[] => matchTopics(filter, generateTopicTree()).filter((m) => m.matched).map((m) => m.topic);

describe('checkFilter', () => {
  it('agrees with the broker validator on every example and on tricky filters', () => {
    for (const filter of [...EXAMPLE_FILTERS, '', 'a//b', '/', '+', 'a/#/', '#/', 'a/b#', 'a+/b', 'sport/tennis/#', '+/+', 'a\u0000b']) {
      expect(checkFilter(filter).valid, filter).toBe(isValidTopicFilter(filter));
    }
  });

  it('3.1.1 [MQTT-4.7.1-2] names the multi-level wildcard rule for # not last or not a whole level', () => {
    for (const filter of ['home/#/temperature', 'home/kitchen#', 'a/#/']) {
      const verdict = checkFilter(filter);
      expect(verdict.valid, filter).toBe(false);
      expect(verdict.errors.map((e) => e.cite).join(' '), filter).toContain('[MQTT-4.7.1-2]');
    }
  });

  it('3.1.1 [MQTT-4.7.1-3] names the single-level wildcard rule for + inside a level', () => {
    const verdict = checkFilter('home/kit+');
    expect(verdict.valid).toBe(false);
    expect(verdict.errors).toHaveLength(1);
    expect(verdict.errors[0]!.cite).toContain('[MQTT-4.7.1-3]');
    expect(verdict.errors[0]!.message).toContain('“kit+”');
  });

  it('3.1.1 [MQTT-4.7.3-1] / [MQTT-4.7.3-2] / [MQTT-4.7.3-3] empty, null character and over-long filters are invalid', () => {
    expect(checkFilter('').errors[0]!.cite).toContain('[MQTT-4.7.3-1]');
    expect(checkFilter('a\u0000b').errors[0]!.cite).toContain('[MQTT-4.7.3-2]');
    const long = checkFilter('a'.repeat(65_536));
    expect(long.valid).toBe(false);
    expect(long.errors[0]!.cite).toContain('[MQTT-4.7.3-3]');
  });

  it('3.1.1 [MQTT-4.7.2-1] warns that a filter starting with a wildcard never matches $-topics; flags leading / and #', () => {
    expect(checkFilter('+/broker/uptime').warnings.map((w) => w.cite).join(' ')).toContain('[MQTT-4.7.2-1]');
    expect(checkFilter('/home/+').warnings.map((w) => w.message).join(' ')).toContain('first level is empty');
    expect(checkFilter('#').warnings).toHaveLength(2);
    expect(checkFilter('home/+/temperature').warnings).toEqual([]);
  });
});

describe('matchTopics on the generated tree', () => {
  it('3.1.1 [MQTT-4.7.1-3] + matches exactly one level, case-sensitively, and not an empty first level', () => {
    expect(matched('home/+/temperature')).toEqual(['home/kitchen/temperature', 'home/garage/temperature']);
  });

  it('3.1.1 [MQTT-4.7.1-2] home/# matches home itself and every level below', () => {
    expect(matched('home/#')).toEqual([
      'home/kitchen/temperature', 'home/kitchen/humidity', 'home/garage/temperature', 'home/garage/humidity',
      'home/kitchen/fridge/temperature', 'home/kitchen/light/set', 'home/kitchen', 'home',
    ]);
  });

  it('3.1.1 [MQTT-4.7.2-1] # matches everything but the $SYS topics; $SYS/# matches only them', () => {
    const tree = generateTopicTree();
    expect(matched('#')).toEqual(tree.filter((topic) => !topic.startsWith('$')));
    expect(matched('$SYS/#')).toEqual(['$SYS/broker/uptime', '$SYS/broker/clients/connected']);
  });

  it('matches an empty first level only with a filter that has one', () => {
    expect(matched('+/home/kitchen/temperature')).toEqual(['/home/kitchen/temperature']);
  });
});

describe('topicNameErrors', () => {
  it('3.1.1 [MQTT-3.3.2-2] a topic name with a wildcard is refused; an ordinary one is fine', () => {
    expect(topicNameErrors('home/+/x')[0]!.cite).toContain('[MQTT-3.3.2-2]');
    expect(topicNameErrors('home/hall/lamp')).toEqual([]);
    expect(topicNameErrors('')[0]!.cite).toContain('[MQTT-4.7.3-1]');
  });
});

describe('TopicPlayground, rendered on the server', () => {
  it('labels its inputs and shows the initial filter with its match count, before any JavaScript runs', () => {
    const html = renderToString(h(TopicPlayground, { initialFilter: 'home/#' }));
    const inputId = /<label class="topic-playground__label" for="([^"]+)"/.exec(html)?.[1];
    expect(inputId).toBeDefined();
    expect(html).toContain(`id="${inputId}"`);
    expect(html).toContain('value="home/#"');
    expect(html).toContain(`matches 8 of ${generateTopicTree().length} topics`);
  });

  it('shows the broken rule instead of the list for an invalid filter', () => {
    const html = renderToString(h(TopicPlayground, { initialFilter: 'home/kit+' }));
    expect(html).toContain('Not a valid topic filter');
    expect(html).toContain('[MQTT-4.7.1-3]');
    expect(html).not.toContain('topic-playground__topics');
  });
});
