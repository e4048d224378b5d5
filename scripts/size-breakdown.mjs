#!/usr/bin/env node
/**
 * npm run size:breakdown — what each source module adds to dist/consent-relay.js: minified bytes (esbuild's
 * metafile, the same minifier Vite uses) and each group's gzip share, to aim size work where it pays.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const result = await build({
  entryPoints: ['src/drop-in.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  write: false,
  metafile: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'text' },
  plugins: [
    {
      name: 'inline-css',
      setup: (b) =>
        b.onResolve({ filter: /\?inline$/ }, (a) => ({
          path: new URL(a.path.replace(/\?inline$/, ''), 'file://' + a.resolveDir + '/').pathname,
        })),
    },
  ],
});
const out = Object.values(result.metafile.outputs)[0];
const total = result.outputFiles[0].contents;
const groupOf = (p) =>
  p.startsWith('node_modules/')
    ? p
        .split('/')
        .slice(1, p.includes('/@') ? 3 : 2)
        .join('/')
    : p.split('/').slice(0, 2).join('/');
const groups = new Map();
for (const [path, { bytesInOutput }] of Object.entries(out.inputs))
  groups.set(groupOf(path), (groups.get(groupOf(path)) || 0) + bytesInOutput);
const rows = [...groups].sort((a, b) => b[1] - a[1]);
const gzTotal = gzipSync(total, { level: 9 }).length;
console.log(`dist/consent-relay.js as esbuild builds it: ${total.length} B minified, ${gzTotal} B gzip\n`);
console.log('| part | minified B | share |\n|---|---|---|');
for (const [g, b] of rows) console.log(`| ${g} | ${b} | ${((100 * b) / total.length).toFixed(1)} % |`);
