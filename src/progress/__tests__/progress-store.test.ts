import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../merge';
import { passedItemKeys } from '../passed-items';
import { BACKUP_KEY_PREFIX, PROGRESS_KEY, ProgressStore } from '../progress-store';
import { SharedTabsStorage } from './tabs-storage';

const clock = (start = Date.parse('2025-03-01T10:00:00.000Z')) => {
  let now = start;
  return () => new Date((now += 1000));
};
let ids = 0;
const newId = () => `id-${++ids}`;
const open = (storage: SharedTabsStorage) => new ProgressStore(storage.tab(), { now: clock(), newId });

const CHECKS = [
  { id: 'connected', title: 'CONNECT was accepted', pass: true },
  { id: 'published', title: 'PUBLISH at QoS 1 was acknowledged', pass: false },
];

describe('progress store', () => {
  it('keeps attempts with date, verdict and per-check verdicts, and a new store reads them back', () => {
    const storage = new SharedTabsStorage();
    const store = open(storage);
    store.recordExerciseResult('01-fundamentals/first-connection', { passed: false, checks: CHECKS, date: new Date('2025-03-01T09:00:00Z') });
    store.recordExerciseResult('01-fundamentals/first-connection', { passed: true, checks: CHECKS.map((check) => ({ ...check, pass: true })) });
    store.recordQuestionAnswer('01-fundamentals/decoupling', true);
    store.markLessonRead('/modules/01-fundamentals/quiz/');

    const reloaded = open(storage);
    const attempts = reloaded.progress.exercises['01-fundamentals/first-connection']!.attempts;
    expect(attempts.map((attempt) => attempt.passed)).toEqual([false, true]);
    expect(attempts[0]).toMatchObject({ date: '2025-03-01T09:00:00.000Z', checks: CHECKS });
    expect(Object.keys(reloaded.progress.lessons)).toEqual(['/modules/01-fundamentals/quiz/']);
    expect([...passedItemKeys(reloaded.progress)].sort()).toEqual([
      'exercise:01-fundamentals/first-connection',
      'question:01-fundamentals/decoupling',
    ]);
  });

  it('counts a quiz question as passed only while its latest answer is right', () => {
    const store = open(new SharedTabsStorage());
    store.recordQuestionAnswer('q/a', true);
    store.recordQuestionAnswer('q/a', false);
    expect(passedItemKeys(store.progress).has('question:q/a')).toBe(false);
  });

  it('migrates a version-1 store (pass booleans only) to version 2 and writes it back', () => {
    const storage = new SharedTabsStorage();
    storage.seed(
      PROGRESS_KEY,
      JSON.stringify({ version: 1, lessons: ['/modules/01-fundamentals/quiz/'], exercises: { 'ex/a': true, 'ex/b': false }, quizzes: { 'q/1': true } }),
    );
    const store = open(storage);
    expect(store.recovery).toBeUndefined();
    expect(store.progress.version).toBe(2);
    expect(store.progress.exercises['ex/a']!.attempts).toEqual([
      { id: 'v1:ex/a', date: expect.any(String), passed: true, checks: [], migrated: true },
    ]);
    expect(store.progress.exercises['ex/b']!.attempts[0]!.passed).toBe(false);
    expect(store.progress.questions['q/1']!.attempts[0]!.passed).toBe(true);
    expect(store.progress.lessons['/modules/01-fundamentals/quiz/']).toBeDefined();
    expect(JSON.parse(storage.get(PROGRESS_KEY)!).version).toBe(2);
  });

  it('backs up a corrupted store and salvages every record that is still valid', () => {
    const storage = new SharedTabsStorage();
    const good = { attempts: [{ id: 'a1', date: '2025-02-01T00:00:00.000Z', passed: true, checks: [] }] };
    const damaged = JSON.stringify({
      version: 2,
      epoch: { id: 'initial', at: '1970-01-01T00:00:00.000Z' },
      lessons: { '/a/': { readAt: '2025-02-01T00:00:00.000Z' }, '/b/': { readAt: 'yesterday' } },
      exercises: { 'ex/good': good, 'ex/bad': { attempts: [{ id: 'a2', passed: 'yes' }] } },
      questions: 'oops',
    });
    storage.seed(PROGRESS_KEY, damaged);
    const store = open(storage);

    expect(store.recovery?.backupKey.startsWith(BACKUP_KEY_PREFIX)).toBe(true);
    expect(storage.get(store.recovery!.backupKey)).toBe(damaged);
    expect(store.backups()).toEqual([{ key: store.recovery!.backupKey, text: damaged }]);
    expect(store.recovery!.problems.join('\n')).toMatch(/lessons\["\/b\/"\]\.readAt: .*record dropped/);
    expect(store.recovery!.problems.join('\n')).toMatch(/exercises\["ex\/bad"\]\.attempts\[0\]/);
    expect(store.recovery!.problems.join('\n')).toMatch(/questions: not a set of records/);
    expect(Object.keys(store.progress.lessons)).toEqual(['/a/']);
    expect(store.progress.exercises).toEqual({ 'ex/good': good });
    // The repaired progress was written, and reads cleanly from now on.
    expect(open(storage).recovery).toBeUndefined();
  });

  it('recovers from a store that is not JSON at all, keeping it as a backup', () => {
    const storage = new SharedTabsStorage();
    storage.seed(PROGRESS_KEY, '{"version":2,"lessons":{');
    const store = open(storage);
    expect(store.recovery?.problems[0]).toMatch(/^not JSON/);
    expect(storage.get(store.recovery!.backupKey)).toBe('{"version":2,"lessons":{');
    store.recordQuestionAnswer('q/a', true);
    expect(open(storage).progress.questions['q/a']).toBeDefined();
  });

  it('does not touch a store written by a newer version, beyond backing it up', () => {
    const storage = new SharedTabsStorage();
    storage.seed(PROGRESS_KEY, JSON.stringify({ version: 3, lessons: {} }));
    const store = open(storage);
    expect(store.recovery?.problems[0]).toMatch(/version: 3 was written by a newer MQTT Lab/);
    expect(storage.get(store.recovery!.backupKey)).toContain('"version":3');
  });
});

describe('progress store across tabs', () => {
  it('two tabs writing at the same moment both keep their attempts (merge, not last writer wins)', () => {
    const storage = new SharedTabsStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    // Neither tab has seen the other's write when it makes its own.
    tabA.recordExerciseResult('ex/a', { passed: true, checks: [] });
    tabB.recordQuestionAnswer('q/b', true);
    tabB.markLessonRead('/lesson/');
    storage.deliver();

    for (const tab of [tabA, tabB]) {
      expect(Object.keys(tab.progress.exercises)).toEqual(['ex/a']);
      expect(Object.keys(tab.progress.questions)).toEqual(['q/b']);
      expect(Object.keys(tab.progress.lessons)).toEqual(['/lesson/']);
    }
    expect(canonicalJson(open(storage).progress)).toBe(canonicalJson(tabA.progress));
  });

  it("a tab hears another tab's change through the storage event and tells its subscribers", () => {
    const storage = new SharedTabsStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    const heard: string[][] = [];
    tabB.subscribe((progress) => heard.push(Object.keys(progress.questions)));
    tabA.recordQuestionAnswer('q/a', true);
    storage.deliver();
    expect(heard.at(-1)).toEqual(['q/a']);
  });

  it('a reset in one tab is not undone by another tab that still remembers the old progress', () => {
    const storage = new SharedTabsStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    tabA.recordExerciseResult('ex/a', { passed: true, checks: [] });
    storage.deliver();
    expect(tabB.progress.exercises['ex/a']).toBeDefined();

    tabA.reset();
    storage.deliver();
    tabB.recordQuestionAnswer('q/after-reset', true);
    storage.deliver();
    for (const tab of [tabA, tabB, open(storage)]) {
      expect(tab.progress.exercises).toEqual({});
      expect(Object.keys(tab.progress.questions)).toEqual(['q/after-reset']);
    }
  });
});

describe('export and import', () => {
  it('exports a file that, imported after a reset, brings everything back', () => {
    const storage = new SharedTabsStorage();
    const store = open(storage);
    store.recordExerciseResult('ex/a', { passed: true, checks: CHECKS });
    store.recordQuestionAnswer('q/a', true);
    store.markLessonRead('/lesson/');
    store.setLearnerName('Ada Lovelace');
    const before = store.progress;
    const file = store.exportJson();

    store.reset();
    expect(store.progress.exercises).toEqual({});
    expect(store.importJson(file)).toEqual({ ok: true });
    const { epoch: _epochAfter, ...after } = open(storage).progress;
    const { epoch: _epochBefore, ...expected } = before;
    expect(after).toEqual(expected);
  });

  it('merges an import with newer local progress instead of replacing it', () => {
    const store = open(new SharedTabsStorage());
    store.recordQuestionAnswer('q/old', true);
    const file = store.exportJson();
    store.recordQuestionAnswer('q/new', true);
    store.importJson(file);
    expect(Object.keys(store.progress.questions).sort()).toEqual(['q/new', 'q/old']);
    expect(store.progress.questions['q/old']!.attempts).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'this is not json', /^This file is not JSON: /],
    ['another kind of JSON file', '{"name":"package"}', /not an MQTT Lab progress file: expected "format": "mqtt-lab-progress"/],
    ['a file without progress', '{"format":"mqtt-lab-progress"}', /has no "progress"/],
    [
      'a damaged record',
      JSON.stringify({
        format: 'mqtt-lab-progress',
        progress: {
          version: 2,
          epoch: { id: 'x', at: '2025-01-01T00:00:00.000Z' },
          lessons: {},
          exercises: { 'ex/a': { attempts: [{ id: 'a', date: '2025-01-01T00:00:00.000Z', passed: 'yes', checks: [] }] } },
          questions: {},
        },
      }),
      /damaged, nothing was imported: progress\.exercises\["ex\/a"\]\.attempts\[0\]\.passed: .*boolean/,
    ],
    ['a newer version', '{"format":"mqtt-lab-progress","progress":{"version":9}}', /progress\.version: 9 was written by a newer MQTT Lab/],
  ])('refuses %s with an error naming what is wrong, and changes nothing', (_name, text, message) => {
    const store = open(new SharedTabsStorage());
    store.recordQuestionAnswer('q/kept', true);
    const before = canonicalJson(store.progress);
    const result = store.importJson(text);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.error).toMatch(message);
    expect(canonicalJson(store.progress)).toBe(before);
  });

  it('imports a version-1 file through the migration', () => {
    const store = open(new SharedTabsStorage());
    const result = store.importJson(
      JSON.stringify({ format: 'mqtt-lab-progress', progress: { version: 1, lessons: [], exercises: { 'ex/a': true }, quizzes: {} } }),
    );
    expect(result).toEqual({ ok: true });
    expect(passedItemKeys(store.progress).has('exercise:ex/a')).toBe(true);
  });
});
