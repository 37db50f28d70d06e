import { describe, expect, it } from 'vitest';
import { CRITERIA, CRITERION_IDS } from '../criteria.ts';

describe('CRITERIA', () => {
  it('defines each of the twelve criteria once, in the order of CRITERION_IDS', () => {
    expect(CRITERIA.map((criterion) => criterion.id)).toEqual([...CRITERION_IDS]);
  });

  it('puts B, I and A criteria at the beginner, intermediate and advanced levels', () => {
    const levelOf = { B: 'beginner', I: 'intermediate', A: 'advanced' } as const;
    for (const criterion of CRITERIA) expect(criterion.level).toBe(levelOf[criterion.id.charAt(0) as keyof typeof levelOf]);
  });
});
