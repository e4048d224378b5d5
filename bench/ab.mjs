#!/usr/bin/env node
/**
 * node bench/ab.mjs <dirA> <dirB> [--runs 20] [--throttle 1] [--subject ours]
 *
 * Two builds of consent-relay side by side: each directory holds a `consent-relay.js` (a `dist/` of a build, or a
 * copy of one). Same page (the bench subject, `ours` by default), same browser, runs interleaved A B A B …, a fresh
 * context each. Prints medians [min–max] of script time (CDP ScriptDuration up to 600 ms after the banner showed),
 * banner visible and inserted (the bench probe), and the long tasks seen. This is how the README's A/B figures of
 * one change against the code before it were measured: build each into its own directory, then compare.
 *
 *   git worktree add /tmp/before <rev> && (cd /tmp/before && ln -s /work/main/node_modules && npx vite build)
 *   npm run build && node bench/ab.mjs /tmp/before/dist dist --runs 20
 */
import { mkdtempSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';
import { probe } from './lib/probe.mjs';
import { startServer } from './lib/server.mjs';
import { summary } from './lib/stats.mjs';
import { SUBJECTS } from './lib/subjects.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const dirs = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (dirs.length !== 2) {
  console.error('usage: node bench/ab.mjs <dirA> <dirB> [--runs 20] [--throttle 1] [--subject ours]');
  process.exit(2);
}
const runs = Math.max(1, parseInt(opt('--runs', '20'), 10) || 20);
const throttle = Math.max(1, Number(opt('--throttle', '1')) || 1);
const subject = SUBJECTS.find((s) => s.id === opt('--subject', 'ours'));
if (!subject || !subject.id.startsWith('ours')) {
  console.error(
    '--subject must be one of ' +
      SUBJECTS.filter((s) => s.id.startsWith('ours'))
        .map((s) => s.id)
        .join(', '),
  );
  process.exit(2);
}

/** The bench server serves `<root>/dist` and `<root>/bench/static`: give each build such a root of its own. */
function rootFor(dir) {
  const root = mkdtempSync(join(tmpdir(), 'cr-ab-'));
  symlinkSync(resolve(dir), join(root, 'dist'));
  mkdirSync(join(root, 'bench'));
  symlinkSync(join(ROOT, 'bench/static'), join(root, 'bench/static'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const pages = new Map([[`/${subject.id}.html`, subject.html]]);
const servers = await Promise.all(dirs.map((d) => startServer({ root: rootFor(d), pages, packages: [] })));
const { browser, version } = await launch();
const results = dirs.map(() => ({ script: [], visible: [], inserted: [], longTasks: [] }));
console.log(
  `A/B: ${dirs.join(' vs ')} × ${runs} interleaved runs, subject ${subject.id}, CPU ${throttle}×, Chromium ${version}`,
);

for (let i = 0; i < runs; i++) {
  for (let j = 0; j < dirs.length; j++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript(probe, { probe: subject.probe, stored: subject.stored, watch: false });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${servers[j].origin}/${subject.id}.html`, { waitUntil: 'load', timeout: 20_000 * throttle });
    await page.evaluate(() => window.__bench.whenVisible);
    await new Promise((r) => setTimeout(r, 600));
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    const b = await page.evaluate(() => ({
      visible: window.__bench.visibleAt,
      inserted: window.__bench.insertedAt,
      longTasks: window.__bench.longtasks.length,
    }));
    const r = results[j];
    r.script.push(m.ScriptDuration * 1000);
    r.visible.push(b.visible);
    r.inserted.push(b.inserted);
    r.longTasks.push(b.longTasks);
    await context.close();
  }
}
await browser.close();
await Promise.all(servers.map((s) => s.close()));

const fmt = (xs, d = 1) => {
  const s = summary(xs);
  return `${s.median.toFixed(d)} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
};
console.log(
  '\n| build | script time ms | banner visible ms | banner inserted ms | runs with a long task |\n|---|---|---|---|---|',
);
dirs.forEach((d, j) => {
  const r = results[j];
  console.log(
    `| ${d} | ${fmt(r.script)} | ${fmt(r.visible, 0)} | ${fmt(r.inserted, 0)} | ${r.longTasks.filter((n) => n > 0).length} of ${runs} |`,
  );
});
