/**
 * Node mode's state file (`--persist <file>`, like mosquitto's `persistence_location`): read on
 * start, written on shutdown and every `autosaveSeconds` (mosquitto's `autosave_interval`).
 * Writes go to a temporary file renamed over the old one, so a crash mid-write loses nothing.
 * A file that cannot be read as a state refuses the start rather than being overwritten.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SandboxBroker } from '../index.ts';
import { assertPersistedState, type PersistedState } from '../persisted-state.ts';

export async function readStateFile(file: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // first start
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
    assertPersistedState(data);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}. Move the file away to start with an empty broker.`);
  }
  return data;
}

export async function writeStateFile(file: string, broker: SandboxBroker): Promise<void> {
  const state = await broker.exportState();
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 1)}\n`);
  await rename(temporary, file);
}
