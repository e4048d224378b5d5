import { build } from 'esbuild';
const entry = process.argv[2];
const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, metafile: true, jsx: 'automatic', jsxImportSource: 'preact', loader: { '.css': 'text' },
  plugins: [{ name: 'inline-css', setup: (b) => b.onResolve({ filter: /\?inline$/ }, (a) => ({ path: new URL(a.path.replace(/\?inline$/, ''), 'file://' + a.resolveDir + '/').pathname })) }] });
const out = Object.values(result.metafile.outputs)[0];
let t=0;
for (const [p, { bytesInOutput }] of Object.entries(out.inputs)) if (p.includes('telemetry') || p.includes('protocol')|| p.includes('geo-fetch')) {t+=bytesInOutput; console.log(bytesInOutput, p);}
console.log('total', t, 'file', result.outputFiles[0].contents.length);
