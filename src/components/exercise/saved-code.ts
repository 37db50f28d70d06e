/**
 * The learner's code for each exercise, kept in localStorage so a reload (or a crash) loses
 * nothing. A saved value that cannot be read back is reported, never thrown: the page must open.
 */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SavedCode =
  | { status: 'none' }
  | { status: 'saved'; code: string; savedAt: string }
  | { status: 'corrupt' };

interface StoredValue {
  version: 1;
  code: string;
  savedAt: string;
}

export const savedCodeKey = (exerciseId: string): string => `mqtt-lab:exercise:${exerciseId}:code`;

export function loadSavedCode(exerciseId: string, storage: StorageLike | undefined): SavedCode {
  let text: string | null;
  try {
    text = storage?.getItem(savedCodeKey(exerciseId)) ?? null;
  } catch {
    return { status: 'none' };
  }
  if (text === null) return { status: 'none' };
  try {
    const value = JSON.parse(text) as Partial<StoredValue> | null;
    if (value?.version === 1 && typeof value.code === 'string' && typeof value.savedAt === 'string') {
      return { status: 'saved', code: value.code, savedAt: value.savedAt };
    }
  } catch {
    // Falls through: unreadable is the same as malformed.
  }
  return { status: 'corrupt' };
}

/** Returns false when the browser refused to store (quota, disabled storage). */
export function saveCode(exerciseId: string, code: string, storage: StorageLike | undefined, now = new Date()): boolean {
  const value: StoredValue = { version: 1, code, savedAt: now.toISOString() };
  try {
    storage?.setItem(savedCodeKey(exerciseId), JSON.stringify(value));
    return storage !== undefined;
  } catch {
    return false;
  }
}

export function forgetSavedCode(exerciseId: string, storage: StorageLike | undefined): void {
  try {
    storage?.removeItem(savedCodeKey(exerciseId));
  } catch {
    // Nothing stored to forget.
  }
}

/** Runs `save` once edits pause for `delayMs`; `flush` saves a pending edit now (page hide, Run). */
export function debounced(save: (code: string) => void, delayMs: number): { push(code: string): void; flush(): void } {
  let pending: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return;
    const code = pending;
    pending = undefined;
    save(code);
  };
  return {
    push(code) {
      pending = code;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}

export function browserStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
