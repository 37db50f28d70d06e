import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A throw-away copy of the site (config, src/, the given content files) sharing this checkout's
 * node_modules, so tests can run the real Astro toolchain on content that is meant to be wrong.
 */
export interface ProjectFixture {
  dir: string;
  write(relativePath: string, text: string): void;
  /** Runs `astro sync` (which loads and validates every content file) and returns its output. */
  sync(): { status: number | null; output: string };
  remove(): void;
}

const ROOT = resolve(import.meta.dirname, '..');

export function createProjectFixture(): ProjectFixture {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-fixture-'));
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  // What the config and the site's code import, shared rather than copied.
  for (const shared of ['node_modules', 'sandbox-broker', 'exercises']) symlinkSync(join(ROOT, shared), join(dir, shared));
  mkdirSync(join(dir, 'content'));
  return {
    dir,
    write(relativePath, text) {
      mkdirSync(dirname(join(dir, relativePath)), { recursive: true });
      writeFileSync(join(dir, relativePath), text);
    },
    sync() {
      const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
