/**
 * Editor preferences that outlive the page, per browser: screen-reader mode (Monaco's
 * `accessibilitySupport`). Storage can be unavailable (private modes, quotas): then the
 * preference simply is not remembered.
 */
const SCREEN_READER_KEY = 'mqtt-lab:editor:screen-reader';

export function loadScreenReaderMode(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): boolean {
  try {
    return storage?.getItem(SCREEN_READER_KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveScreenReaderMode(on: boolean, storage: Pick<Storage, 'setItem'> | undefined = safeStorage()): void {
  try {
    storage?.setItem(SCREEN_READER_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered; the current page still honours the choice.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
