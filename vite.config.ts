import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';

/** Language packs: each src/i18n/<tag>.json goes beside the script as dist/i18n/<tag>.json, minified. */
function languagePacks(): Plugin {
  return {
    name: 'consent-relay-language-packs',
    generateBundle() {
      for (const f of readdirSync('src/i18n').filter((f) => f.endsWith('.json'))) {
        const json = JSON.stringify(JSON.parse(readFileSync(`src/i18n/${f}`, 'utf8')));
        this.emitFile({ type: 'asset', fileName: `i18n/${f}`, source: json });
      }
    },
  };
}

/** Vite leaves whitespace in ES-format library builds (for tree-shaking downstream); the telemetry file is final. */
function minifyChunk(): Plugin {
  return {
    name: 'consent-relay-minify-es',
    renderChunk: (code) => transformWithEsbuild(code, 'chunk.js', { minify: true, format: 'esm', target: 'es2020' }),
  };
}

/**
 * Three builds from one config:
 * - default: `dist/consent-relay.js`, the self-contained IIFE a page embeds with one <script> tag (+ language packs);
 * - `--mode telemetry`: `dist/consent-relay-telemetry.js`, the reporter as an ES module the drop-in imports beside
 *   itself once telemetry may run;
 * - `--mode esm`: `dist/esm/` for bundler users (`consent-relay`) and the server half (`consent-relay/server`).
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  const telemetry = mode === 'telemetry';
  const lib = esm
    ? { entry: { index: 'src/index.ts', server: 'server/index.ts' }, formats: ['es' as const] }
    : telemetry
      ? { entry: 'src/telemetry/reporter.ts', formats: ['es' as const], fileName: () => 'consent-relay-telemetry.js' }
      : { entry: 'src/drop-in.ts', formats: ['iife' as const], name: 'ConsentRelayBundle', fileName: () => 'consent-relay.js' };
  return {
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
    plugins: esm ? [] : telemetry ? [minifyChunk()] : [languagePacks()],
    build: {
      target: 'es2020',
      emptyOutDir: !esm && !telemetry,
      outDir: esm ? 'dist/esm' : 'dist',
      copyPublicDir: false,
      sourcemap: esm,
      minify: esm ? false : 'esbuild',
      lib,
      rollupOptions: esm ? { external: [/^preact/, 'js-cookie', 'idb-keyval'] } : {},
    },
  };
});
