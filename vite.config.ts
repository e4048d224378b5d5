import { defineConfig } from 'vite';

/**
 * Two builds from one config:
 * - default: `dist/consent-relay.js`, the self-contained IIFE a page embeds with one <script> tag;
 * - `--mode esm`: `dist/esm/` for bundler users (`consent-relay`) and the server half (`consent-relay/server`).
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
    build: {
      target: 'es2020',
      emptyOutDir: !esm,
      outDir: esm ? 'dist/esm' : 'dist',
      copyPublicDir: false,
      sourcemap: esm,
      minify: esm ? false : 'esbuild',
      lib: esm
        ? { entry: { index: 'src/index.ts', server: 'server/index.ts' }, formats: ['es'] }
        : { entry: 'src/drop-in.ts', formats: ['iife'], name: 'ConsentRelayBundle', fileName: () => 'consent-relay.js' },
      rollupOptions: esm ? { external: [/^preact/, 'js-cookie', 'idb-keyval'] } : {},
    },
  };
});
