import type { KeyValueStorage } from '../key-value-storage';

/**
 * A storage shared by several simulated tabs, as browsers do it: each tab reads its own copy,
 * a write reaches the other tabs' copies (and their `storage` event) only when `deliver()` runs.
 * Between a write and its delivery, two tabs can overwrite each other, which is the race the
 * store must survive.
 */
export class SharedTabsStorage {
  /** What a newly opened tab reads: every write, last writer wins. */
  #backing = new Map<string, string>();
  #tabs: { data: Map<string, string>; listeners: Set<(key: string | null) => void> }[] = [];
  #pending: { from: number; key: string; value: string | null }[] = [];

  get(key: string): string | null {
    return this.#backing.get(key) ?? null;
  }

  tab(): KeyValueStorage {
    const index = this.#tabs.length;
    const tab = { data: new Map(this.#backing), listeners: new Set<(key: string | null) => void>() };
    this.#tabs.push(tab);
    const write = (key: string, value: string | null) => {
      for (const map of [tab.data, this.#backing]) {
        if (value === null) map.delete(key);
        else map.set(key, value);
      }
      this.#pending.push({ from: index, key, value });
    };
    return {
      get: (key) => tab.data.get(key) ?? null,
      set: (key, value) => write(key, value),
      remove: (key) => write(key, null),
      keys: () => [...tab.data.keys()],
      onExternalChange(listener) {
        tab.listeners.add(listener);
        return () => tab.listeners.delete(listener);
      },
    };
  }

  /** Delivers every pending write to the other tabs, firing their listeners, until nothing is pending. */
  deliver(): void {
    for (let round = 0; this.#pending.length > 0; round++) {
      if (round > 20) throw new Error('tabs keep writing back and forth');
      const batch = this.#pending.splice(0);
      for (const { from, key, value } of batch) {
        this.#tabs.forEach((tab, index) => {
          if (index === from) return;
          if (value === null) tab.data.delete(key);
          else tab.data.set(key, value);
          for (const listener of tab.listeners) listener(key);
        });
      }
    }
  }

  /** Writes straight into the storage and every tab's copy without events, as if from an earlier visit. */
  seed(key: string, value: string): void {
    for (const map of [this.#backing, ...this.#tabs.map((tab) => tab.data)]) map.set(key, value);
  }
}
