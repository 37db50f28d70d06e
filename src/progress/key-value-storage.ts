/**
 * Where progress is kept. The store talks only to this interface, so it is tested with an
 * in-memory fake (including several "tabs" over one shared storage) and runs on localStorage
 * in the page.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  /** May throw (a full localStorage throws QuotaExceededError). */
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
  /** Changes made by other tabs; `key` is null when they cleared everything. Returns an unsubscribe. */
  onExternalChange(listener: (key: string | null) => void): () => void;
}

/** localStorage and its `storage` event, which fires in every other tab of the origin. */
export function localStorageAdapter(storage: Storage = window.localStorage, target: Window = window): KeyValueStorage {
  return {
    get: (key) => storage.getItem(key),
    set: (key, value) => storage.setItem(key, value),
    remove: (key) => storage.removeItem(key),
    keys: () => Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key !== null),
    onExternalChange(listener) {
      const handler = (event: StorageEvent) => {
        if (event.storageArea === storage) listener(event.key);
      };
      target.addEventListener('storage', handler);
      return () => target.removeEventListener('storage', handler);
    },
  };
}
