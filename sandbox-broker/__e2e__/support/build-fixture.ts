import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { sandboxBrokerVite } from '../../vite-browser.ts';

/**
 * Builds a fixture page (an index.html and what it imports) with the sandbox broker's browser
 * config into a temporary folder, without involving the Astro site.
 */
export async function buildFixture(root: string): Promise<{ outDir: string; remove(): Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'sandbox-broker-e2e-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    ...sandboxBrokerVite(),
    build: { outDir, emptyOutDir: true, minify: true, sourcemap: false },
  });
  return { outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
}
