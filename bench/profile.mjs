#!/usr/bin/env node
/**
 * node bench/profile.mjs <dir> [--runs 12] [--subject ours]
 *
 * Where the script time of a first visit goes: a CPU profile (CDP Profiler, 50 µs sampling) of each of `runs` fresh
 * page loads of the bench subject, summed per function and divided by the runs: self time (the function's own
 * samples) and inclusive time (every sample with the function on the stack). `<dir>` holds a `consent-relay.js` (a
 * `dist/`, or a copy of one). With a source map beside it, minified names are given their source file and line:
 *
 *   npx vite build --sourcemap --outDir /tmp/cr-map && node bench/profile.mjs /tmp/cr-map
 *
 * The profiler changes what it measures: it needs the source positions of every sampled function, which Chromium
 * otherwise collects lazily (see src/create.ts on the cookie read). Read it for where the time goes; take figures
 * from bench/ab.mjs, which runs without it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { SUBJECTS } from './lib/subjects.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const runs = Math.max(1, parseInt(opt('--runs', '12'), 10) || 12);
const subject = SUBJECTS.find((s) => s.id === opt('--subject', 'ours'));
if (!dir || !subject) {
  console.error('usage: node bench/profile.mjs <dir with consent-relay.js> [--runs 12] [--subject ours]');
  process.exit(2);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The source map's `mappings` decoded (Source Map v3, base64 VLQ): per generated line, its segments as
 * [generated column, source index, source line, source column], in column order.
 */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const text of line.split(',')) {
      if (!text) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of text) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([column, source, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** `file:line` in the sources for a generated position, or null. */
function sourceMapper(mapFile) {
  if (!existsSync(mapFile)) return () => null;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = decodeMappings(map.mappings);
  // The build puts the compile hint above the code after mapping (vite.config.ts, compileHint()): one line down.
  const offset = readFileSync(mapFile.replace(/\.map$/, ''), 'utf8').startsWith('//# allFunctionsCalledOnLoad') ? 1 : 0;
  return (line, column) => {
    const segments = lines[line - offset];
    if (!segments) return null;
    let found = null;
    for (const s of segments) {
      if (s[0] > column) break;
      found = s;
    }
    return found && `${map.sources[found[1]].split('/').slice(-2).join('/')}:${found[2] + 1}`;
  };
}

const mapped = sourceMapper(join(resolve(dir), 'consent-relay.js.map'));
const nameOf = (frame) => {
  const where = frame.url.endsWith('/consent-relay.js') ? mapped(frame.lineNumber, frame.columnNumber) : null;
  return `${frame.functionName || '(anonymous)'} ${where || `${frame.url.split('/').pop()}:${frame.lineNumber}`}`;
};

const root = mkdtempSync(join(tmpdir(), 'cr-profile-'));
symlinkSync(resolve(dir), join(root, 'dist'));
mkdirSync(join(root, 'bench'));
symlinkSync(join(ROOT, 'bench/static'), join(root, 'bench/static'));
symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
const server = await startServer({ root, pages: new Map([[`/${subject.id}.html`, subject.html]]), packages: [] });
const { browser, version } = await launch();
const self = new Map();
const inclusive = new Map();
const scriptTimes = [];
const add = (table, key, ms) => table.set(key, (table.get(key) || 0) + ms);

for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.goto(`${server.origin}/${subject.id}.html`, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 600));
  const { profile } = await cdp.send('Profiler.stop');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  scriptTimes.push(metrics.find((m) => m.name === 'ScriptDuration').value * 1000);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  for (let k = 0; k < profile.samples.length; k++) {
    const node = nodes.get(profile.samples[k]);
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    const ms = (profile.timeDeltas[k + 1] || 0) / 1000;
    add(self, nameOf(node.callFrame), ms);
    // once per function even when it recurses
    const onStack = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) onStack.add(nameOf(nodes.get(id).callFrame));
    for (const key of onStack) add(inclusive, key, ms);
  }
  await context.close();
}
await browser.close();
await server.close();

scriptTimes.sort((a, b) => a - b);
console.log(`profile: ${dir}, subject ${subject.id}, ${runs} runs, Chromium ${version}`);
console.log(`script time (CDP ScriptDuration, profiler on) median ${scriptTimes[runs >> 1].toFixed(1)} ms`);
const top = (table, n) =>
  [...table]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => `${(ms / runs).toFixed(2).padStart(6)}  ${key}`)
    .join('\n');
console.log(`\nself ms per run\n${top(self, 30)}\n\ninclusive ms per run\n${top(inclusive, 40)}`);
