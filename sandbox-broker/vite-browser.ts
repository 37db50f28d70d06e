/**
 * What Vite needs to bundle the sandbox broker (aedes) and its MQTT.js clients for the browser,
 * in both `astro dev` and `astro build`. Spread into astro.config's `vite` (or any Vite config):
 *
 *   vite: { ...sandboxBrokerVite() }
 *
 * The Node built-ins aedes reaches are redirected to browser stand-ins for the browser ("client")
 * environment and for worker bundles only: applying them to Astro's server side breaks `astro dev`.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin, Rolldown, UserConfig } from 'vite';

const shim = (file: string): string => fileURLToPath(new URL(`./src/browser/shims/${file}`, import.meta.url));

/** A built-in module's browser stand-in: an npm package, or one of our shim files. */
type StandIn = { readonly package: string } | { readonly file: string };

/** Built-in module → browser stand-in. Each is also reached with a `node:` prefix. */
const standIns: Readonly<Record<string, StandIn>> = {
  events: { package: 'events' },
  // readable-stream@4: v3 lacks Readable.from, which aedes-persistence uses.
  stream: { package: 'readable-stream' },
  buffer: { package: 'buffer' },
  process: { file: shim('process.ts') },
  // readable-stream asks for 'process/' to skip the built-in; it gets the shim too.
  'process/': { file: shim('process.ts') },
  util: { file: shim('util.ts') },
  crypto: { file: shim('crypto.ts') },
  assert: { file: shim('assert.cjs') },
};

function standInFor(id: string): StandIn | undefined {
  return standIns[id.startsWith('node:') ? id.slice('node:'.length) : id];
}

const pluginName = 'sandbox-broker:node-builtins-for-browser';

/**
 * For the page's and workers' modules. Packages are resolved through Vite (so that in dev they
 * come from the pre-bundled dependencies), shim files directly.
 */
function viteResolver(onlyClient: boolean): Plugin {
  return {
    name: pluginName,
    enforce: 'pre',
    // Astro's server environment keeps Node's own built-ins.
    ...(onlyClient ? { applyToEnvironment: (environment) => environment.config.consumer === 'client' } : {}),
    async resolveId(id, importer) {
      const standIn = standInFor(id);
      if (!standIn) return null;
      if ('file' in standIn) return standIn.file;
      return this.resolve(standIn.package, importer, { skipSelf: true });
    },
  };
}

/** For dev pre-bundling, a rolldown build of its own that does not run Vite plugins. */
const preBundleResolver: Rolldown.Plugin = {
  name: pluginName,
  async resolveId(id, importer) {
    const standIn = standInFor(id);
    if (!standIn) return null;
    return 'file' in standIn ? standIn.file : this.resolve(standIn.package, importer, { skipSelf: true });
  },
};

/** The pieces of Vite config the sandbox broker needs; spread them into the site's `vite` config. */
export function sandboxBrokerVite(): Pick<UserConfig, 'plugins' | 'worker' | 'environments'> {
  return {
    plugins: [viteResolver(true)],
    worker: {
      format: 'es',
      plugins: () => [viteResolver(false)],
    },
    environments: {
      client: {
        define: { global: 'globalThis' },
        optimizeDeps: {
          // Dev pre-bundling runs its own rolldown build, which does not see Vite plugins.
          rolldownOptions: { plugins: [preBundleResolver] },
          // Listed so the worker's dependencies are ready before it first loads, not discovered then.
          include: ['aedes', 'mqtt', 'mqtt-packet', 'readable-stream', 'buffer', 'events'],
        },
      },
    },
  };
}
