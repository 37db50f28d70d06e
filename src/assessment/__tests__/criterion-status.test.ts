import { describe, expect, it } from 'vitest';
import { criterionStatus, levelStatus } from '../criterion-status';
import { itemKey, type GradedItem } from '../graded-items';

const exercise = (id: string, ...criteria: GradedItem['criteria']): GradedItem => ({ kind: 'exercise', id, title: id, criteria });
const question = (id: string, ...criteria: GradedItem['criteria']): GradedItem => ({ kind: 'question', id, title: id, criteria });
const passed = (...items: GradedItem[]) => new Set(items.map(itemKey));

const ex1 = exercise('m/ex1', 'B1', 'B2');
const q1 = question('quiz/q1', 'B1');
const q2 = question('quiz/q2', 'B1');
const q3 = question('quiz/q3', 'B2');
const items = [ex1, q1, q2, q3];

describe('criterion met', () => {
  it('is met by two passed items, one of them an exercise when an exercise assesses it', () => {
    const status = criterionStatus('B1', items, passed(ex1, q1));
    expect(status).toMatchObject({ met: true, state: 'met', missing: '' });
    expect(status.assessedBy).toEqual([ex1, q1, q2]);
  });

  it('is not met by quiz questions alone while an exercise assesses it', () => {
    const status = criterionStatus('B1', items, passed(q1, q2));
    expect(status).toMatchObject({ met: false, state: 'in progress', missing: 'pass an exercise' });
  });

  it('is not met by one passed item', () => {
    expect(criterionStatus('B1', items, passed(ex1))).toMatchObject({ met: false, missing: 'pass 1 more graded item' });
  });

  it('is met by two quiz questions when no exercise assesses it', () => {
    const onlyQuestions = [question('a', 'I1'), question('b', 'I1')];
    expect(criterionStatus('I1', onlyQuestions, passed(...onlyQuestions)).met).toBe(true);
  });

  it('cannot be met while the course has fewer than two graded items for it', () => {
    const lone = exercise('m/lone', 'A3');
    expect(criterionStatus('A3', [lone], passed(lone))).toMatchObject({ met: false, state: 'not yet assessable' });
  });

  it('is "not started" when nothing assessing it was passed', () => {
    expect(criterionStatus('B2', items, passed()).state).toBe('not started');
  });
});

describe('level earned', () => {
  const b3 = [exercise('m/b3', 'B3'), question('q/b3', 'B3')];
  const b4 = [exercise('m/b4', 'B4'), question('q/b4', 'B4')];
  const all = [...items, ...b3, ...b4];

  it('is earned when all four beginner criteria are met', () => {
    const status = levelStatus('beginner', all, passed(ex1, q1, q3, ...b3, ...b4));
    expect(status.criteria.map((criterion) => [criterion.criterion.id, criterion.met])).toEqual([
      ['B1', true],
      ['B2', true],
      ['B3', true],
      ['B4', true],
    ]);
    expect(status.earned).toBe(true);
  });

  it('is not earned while one criterion is missing', () => {
    expect(levelStatus('beginner', all, passed(ex1, q1, q3, ...b3)).earned).toBe(false);
  });
});

describe('dates', () => {
  it('a criterion is met on the day the rule first held, and a level on the day its last criterion was met', async () => {
    const { criterionMetOn, levelEarnedOn } = await import('../criterion-status');
    const b3 = [exercise('m/b3', 'B3'), question('q/b3', 'B3')];
    const b4 = [exercise('m/b4', 'B4'), question('q/b4', 'B4')];
    const all = [...items, ...b3, ...b4];
    const on = new Map([
      [itemKey(q1), '2025-01-01'],
      [itemKey(q2), '2025-01-02'],
      [itemKey(ex1), '2025-01-05'],
      [itemKey(q3), '2025-01-03'],
      [itemKey(b3[0]!), '2025-01-04'],
      [itemKey(b3[1]!), '2025-01-04'],
      [itemKey(b4[0]!), '2025-01-02'],
      [itemKey(b4[1]!), '2025-01-09'],
    ]);
    const keys = new Set(on.keys());
    // B1: two questions by 01-02, but the exercise only on 01-05.
    expect(criterionMetOn(criterionStatus('B1', all, keys), on)).toBe('2025-01-05');
    expect(levelEarnedOn(levelStatus('beginner', all, keys), on)).toBe('2025-01-09');
  });
});
