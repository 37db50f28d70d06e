import { describe, expect, it } from 'vitest';
import type { Check } from '../checks/check-types.ts';
import { printed } from '../checks/console.ts';
import { allPassed, grade } from '../grader.ts';
import { RecordBuilder } from '../checks/__tests__/record-builder.ts';

describe('grade', () => {
  const record = new RecordBuilder().print('hello').build();

  it('gives one result per check, in order, with the check\'s title', () => {
    const results = grade([printed('hello'), printed('bye')], record);
    expect(results.map((result) => [result.title, result.pass])).toEqual([['Printed "hello"', true], ['Printed "bye"', false]]);
    expect(allPassed(results)).toBe(false);
  });

  it('reports a check that throws as failed, and still grades the others', () => {
    const broken: Check = { id: 'broken', title: 'Broken', spec: { version: '5.0', section: '4.3' }, run: () => { throw new Error('bad'); } };
    const results = grade([broken, printed('hello')], record);
    expect(results[0]).toMatchObject({ pass: false, seen: 'the check itself failed: bad', spec: { version: '5.0' } });
    expect(results[1]?.pass).toBe(true);
  });
});
