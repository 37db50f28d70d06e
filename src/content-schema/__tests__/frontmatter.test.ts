import { describe, expect, it } from 'vitest';
import { courseFrontmatter } from '../frontmatter';
import { formatSpecRef } from '../spec-ref';

const validModule = {
  kind: 'module',
  title: 'MQTT fundamentals',
  order: 1,
  duration: '1 week',
  summary: 'Publish/subscribe, the broker and the packets.',
  outcomes: ['Explain decoupling in space, time and synchronisation'],
  criteria: ['B1', 'B2'],
};

const validLesson = {
  kind: 'lesson',
  title: 'QoS at a glance',
  order: 3,
  level: 'beginner',
  minutes: 20,
  objectives: ['Name the packets of each QoS flow'],
  spec: [{ version: '3.1.1', statement: 'MQTT-4.3.2-1' }, { version: '5.0', section: '4.3.3' }],
};

/** The dotted paths of every field the schema rejected. */
function failingFields(data: unknown): string[] {
  const result = courseFrontmatter.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('module frontmatter', () => {
  it('accepts a complete module overview', () => {
    expect(failingFields(validModule)).toEqual([]);
  });

  it.each([
    ['duration', { duration: 'a week' }],
    ['outcomes', { outcomes: [] }],
    ['criteria.1', { criteria: ['B1', 'Z9'] }],
    ['order', { order: 0 }],
  ])('names the field %s when it is invalid', (field, change) => {
    expect(failingFields({ ...validModule, ...change })).toContain(field);
  });

  it('names a missing summary', () => {
    const { summary: _omitted, ...withoutSummary } = validModule;
    expect(failingFields(withoutSummary)).toEqual(['summary']);
  });
});

describe('lesson frontmatter', () => {
  it('accepts a complete lesson and defaults criteria to none', () => {
    const parsed = courseFrontmatter.parse(validLesson);
    expect(parsed.kind === 'lesson' && parsed.criteria).toEqual([]);
  });

  it.each([
    ['level', { level: 'expert' }],
    ['minutes', { minutes: 0 }],
    ['objectives', { objectives: [] }],
    ['spec.0.version', { spec: [{ version: '4.0', section: '1.1' }] }],
    ['spec.0.statement', { spec: [{ version: '5.0', statement: '3.3.1-5' }] }],
  ])('names the field %s when it is invalid', (field, change) => {
    expect(failingFields({ ...validLesson, ...change })).toContain(field);
  });

  it('requires a spec reference to point at a statement or a section', () => {
    expect(failingFields({ ...validLesson, spec: [{ version: '5.0' }] })).toEqual(['spec.0']);
  });

  it('accepts MQTT-SN 1.2 by section, and refuses a statement id for it (v1.2 numbers none)', () => {
    expect(failingFields({ ...validLesson, spec: [{ version: 'SN-1.2', section: '6.14' }] })).toEqual([]);
    expect(failingFields({ ...validLesson, spec: [{ version: 'SN-1.2', statement: 'MQTT-6.14.1-1' }] })).toEqual(['spec.0']);
  });

  it('rejects an unknown kind by naming it', () => {
    expect(failingFields({ ...validLesson, kind: 'chapter' })).toEqual(['kind']);
  });
});

describe('spec references', () => {
  it('print with their version, because 5.0 renumbered statements', () => {
    expect(formatSpecRef({ version: '3.1.1', statement: 'MQTT-3.3.1-5' })).toBe('3.1.1 [MQTT-3.3.1-5]');
    expect(formatSpecRef({ version: '5.0', section: '4.8.2' })).toBe('5.0 §4.8.2');
    expect(formatSpecRef({ version: 'SN-1.2', section: '6.14' })).toBe('MQTT-SN 1.2 §6.14');
  });
});
