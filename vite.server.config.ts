import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Everything the server half may load at run time stays outside the bundle: Node's modules and the package's own
 * dependencies (undici, loaded only behind a proxy; a database driver the store adds), installed beside it. */
const external = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies }),
].map((name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}(?:/.*)?$`));

/**
 * The server half, `consent-relay/server`, twice: `dist/server/server.js` (ESM) and `dist/server/server.cjs` for
 * `require()` (many Node servers are still CommonJS). Not minified: it runs on servers, where stack traces that read
 * well matter more than bytes.
 */
export default defineConfig({
  build: {
    target: 'node18',
    outDir: 'dist/server',
    emptyOutDir: true,
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    lib: {
      entry: { server: 'server/index.ts', cli: 'server/cli.ts' },
      formats: ['es', 'cjs'],
      fileName: (format, name) => `${name}.${format === 'es' ? 'js' : 'cjs'}`,
    },
    rollupOptions: { external },
  },
});
