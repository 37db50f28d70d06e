import type { KeyValueStorage } from './key-value-storage';
import { canonicalJson, mergeProgress, mergeRecords } from './merge';
import { parseProgressFile, progressFile } from './progress-file';
import { emptyProgress, type CheckVerdict, type Progress } from './progress-schema';
import { readProgress } from './read-progress';
import { BACKUP_KEY_PREFIX, PROGRESS_KEY } from './storage-keys';

/**
 * The learner's progress: read from and written to a KeyValueStorage, shared by every open tab.
 *
 * Every write is read-modify-write: read what is stored now, merge it with what this tab knows
 * (record by record, merge.ts), apply the change, write. When another tab writes, this tab merges
 * the new value with what it knows and, if the new value lacks something (two tabs wrote at the
 * same moment and one overwrote the other), writes the merge back; so no attempt is lost.
 * A stored value that cannot be read is kept under a backup key before anything is written over
 * it, and every record that is still valid is kept.
 */

export { BACKUP_KEY_PREFIX, PROGRESS_KEY };

export interface Recovery {
  /** Where the unreadable value was kept, e.g. "mqtt-lab.progress.backup.2025-01-01T10:00:00.000Z". */
  backupKey: string;
  problems: string[];
}

export interface ExerciseResult {
  passed: boolean;
  checks: CheckVerdict[];
  date?: Date;
}

export interface StoreOptions {
  now?: () => Date;
  /** Ids for attempts and epochs; random by default. */
  newId?: () => string;
}

export type ImportResult = { ok: true } | { ok: false; error: string };

const randomId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

export class ProgressStore {
  #storage: KeyValueStorage;
  #now: () => Date;
  #newId: () => string;
  #progress: Progress;
  #recovery: Recovery | undefined;
  #listeners = new Set<(progress: Progress) => void>();
  #unsubscribe: () => void;

  constructor(storage: KeyValueStorage, options: StoreOptions = {}) {
    this.#storage = storage;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomId;
    this.#progress = this.#readStored();
    this.#unsubscribe = storage.onExternalChange((key) => {
      if (key === PROGRESS_KEY || key === null) this.#onExternalWrite();
    });
  }

  get progress(): Progress {
    return this.#progress;
  }

  /** Set when the stored value could not be read as it was and a backup was made. */
  get recovery(): Recovery | undefined {
    return this.#recovery;
  }

  subscribe(listener: (progress: Progress) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }

  recordExerciseResult(exerciseId: string, result: ExerciseResult): void {
    const attempt = {
      id: this.#newId(),
      date: (result.date ?? this.#now()).toISOString(),
      passed: result.passed,
      checks: result.checks.map(({ id, title, pass }) => (title === undefined ? { id, pass } : { id, title, pass })),
    };
    this.#update((progress) => {
      const attempts = progress.exercises[exerciseId]?.attempts ?? [];
      return { ...progress, exercises: { ...progress.exercises, [exerciseId]: { attempts: [...attempts, attempt] } } };
    });
  }

  recordQuestionAnswer(questionKey: string, passed: boolean, date: Date = this.#now()): void {
    const attempt = { id: this.#newId(), date: date.toISOString(), passed };
    this.#update((progress) => {
      const attempts = progress.questions[questionKey]?.attempts ?? [];
      return { ...progress, questions: { ...progress.questions, [questionKey]: { attempts: [...attempts, attempt] } } };
    });
  }

  markLessonRead(path: string, date: Date = this.#now()): void {
    if (this.#progress.lessons[path]) return;
    this.#update((progress) =>
      progress.lessons[path] ? progress : { ...progress, lessons: { ...progress.lessons, [path]: { readAt: date.toISOString() } } },
    );
  }

  setLearnerName(name: string): void {
    const learner = { name: name.trim(), updatedAt: this.#now().toISOString() };
    this.#update((progress) => ({ ...progress, learner }));
  }

  /** The progress as a downloadable file's text. */
  exportJson(): string {
    return `${JSON.stringify(progressFile(this.#progress, this.#now()), null, 2)}\n`;
  }

  /** Validates an exported file and merges its records into the progress (nothing is lost on either side). */
  importJson(text: string): ImportResult {
    const parsed = parseProgressFile(text, this.#now());
    if (!parsed.ok) return parsed;
    this.#update((progress) => mergeRecords(progress, parsed.progress));
    return { ok: true };
  }

  /** Forgets everything, in every tab: a new epoch makes older copies lose any merge. */
  reset(): void {
    const fresh = emptyProgress({ id: this.#newId(), at: this.#now().toISOString() });
    this.#write(fresh);
    this.#set(fresh);
  }

  /** The backups of unreadable progress kept in the storage, newest first. */
  backups(): { key: string; text: string }[] {
    return this.#storage
      .keys()
      .filter((key) => key.startsWith(BACKUP_KEY_PREFIX))
      .sort()
      .reverse()
      .map((key) => ({ key, text: this.#storage.get(key) ?? '' }));
  }

  removeBackup(key: string): void {
    if (key.startsWith(BACKUP_KEY_PREFIX)) this.#storage.remove(key);
  }


  /** Reads the stored progress, backing up and repairing it when it cannot be read as it is. */
  #readStored(): Progress {
    const text = this.#storage.get(PROGRESS_KEY);
    const result = readProgress(text, this.#now());
    if (result.status === 'salvaged' && text !== null) {
      const backupKey = `${BACKUP_KEY_PREFIX}${this.#now().toISOString()}`;
      this.#storage.set(backupKey, text);
      this.#recovery = { backupKey, problems: result.problems };
      this.#write(result.progress);
    } else if (result.status === 'ok' && result.migratedFrom !== undefined) {
      this.#write(result.progress);
    }
    return result.progress;
  }

  #update(change: (progress: Progress) => Progress): void {
    const next = change(mergeProgress(this.#progress, this.#readStored()));
    this.#write(next);
    this.#set(next);
  }

  #onExternalWrite(): void {
    const stored = this.#readStored();
    const merged = mergeProgress(this.#progress, stored);
    // The other tab's write lacks something this tab knows: put it back.
    if (canonicalJson(merged) !== canonicalJson(stored)) this.#write(merged);
    this.#set(merged);
  }

  #write(progress: Progress): void {
    this.#storage.set(PROGRESS_KEY, canonicalJson(progress));
  }

  #set(progress: Progress): void {
    this.#progress = progress;
    for (const listener of this.#listeners) listener(progress);
  }
}
