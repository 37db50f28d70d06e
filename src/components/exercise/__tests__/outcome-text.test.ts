import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../outcome-text.ts';

describe('describeOutcome', () => {
  it('names the learner line of an error', () => {
    expect(describeOutcome({ status: 'threw', message: 'boom', line: 3 })).toEqual({ label: 'Threw an error', detail: 'boom (line 3)', tone: 'error' });
  });
  it('keeps the engine wording for a time-out', () => {
    const text = describeOutcome({ status: 'timed-out', message: 'Your code ran for 1.5 s without yielding — an infinite loop? Stopped.' });
    expect(text.detail).toMatch(/infinite loop/);
    expect(text.tone).toBe('error');
  });
  it('tells completed, stopped and missing outcomes apart', () => {
    expect(describeOutcome({ status: 'completed' }).tone).toBe('ok');
    expect(describeOutcome({ status: 'stopped' }).label).toBe('Stopped');
    expect(describeOutcome(undefined).tone).toBe('warning');
  });
});
