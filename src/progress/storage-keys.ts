/** Where progress lives in localStorage; a module of its own so the tiny sidebar script can import it alone. */
export const PROGRESS_KEY = 'mqtt-lab.progress';
export const BACKUP_KEY_PREFIX = 'mqtt-lab.progress.backup.';
/** Fired on `window` when this tab's progress changed (the `storage` event only reaches other tabs). */
export const PROGRESS_CHANGED_EVENT = 'mqtt-lab:progress-changed';
