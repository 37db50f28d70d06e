/**
 * Serves the runner page the two ways the site is served: bundled and from Vite's dev server.
 * The Vite root is the repository, as in the site, so the registry's `/exercises/...` globs resolve.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer } from 'vite';
import { sandboxBrokerVite } from '../../../sandbox-broker/vite-browser.ts';
import { startStaticServer } from '../../../test-support/static-server.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const PAGE_PATH = '/src/exercise-engine/__e2e__/runner-page/index.html';

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'exercise-runner-e2e-'));
  await build({
    root: repositoryRoot,
    configFile: false,
    logLevel: 'warn',
    ...sandboxBrokerVite(),
    build: { outDir, emptyOutDir: true, minify: true, rolldownOptions: { input: join(repositoryRoot, PAGE_PATH) } },
  });
  const server = await startStaticServer(outDir);
  return {
    url: `${server.origin}${PAGE_PATH}`,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export async function serveFromDevServer(): Promise<ServedPage> {
  const server = await createServer({
    root: repositoryRoot,
    configFile: false,
    logLevel: 'warn',
    ...sandboxBrokerVite(),
    cacheDir: join(repositoryRoot, 'node_modules/.vite-exercise-runner-e2e'),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const { port } = server.httpServer?.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${PAGE_PATH}`, close: () => server.close() };
}
