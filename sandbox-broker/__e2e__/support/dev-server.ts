import { createServer, type ViteDevServer } from 'vite';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sandboxBrokerVite } from '../../vite-browser.ts';

/**
 * Serves a fixture page from Vite's dev server (unbundled modules, pre-bundled dependencies,
 * workers as modules): the path `astro dev` takes, without involving the Astro site.
 */
export async function startFixtureDevServer(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: ViteDevServer = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    ...sandboxBrokerVite(),
    // A cache of its own, so this test never shares pre-bundled dependencies with the site.
    cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-sandbox-broker-e2e', import.meta.url)),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const { port } = server.httpServer?.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}
