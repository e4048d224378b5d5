#!/usr/bin/env node
/**
 * Micro-bench (issue 6 item 2): ns per call of ConsentRelay.telemetry.count('name') and
 * ConsentRelay.hasConsent('analytics') over 1e6 calls (median of 5 batches), and the JS heap after a million calls.
 * Runs in Chromium on the "ours + telemetry" page, launched with --js-flags=--expose-gc so the page can gc().
 *
 *   node bench/micro.mjs [--calls 1000000] [--batches 5]
 *
 * Also run by `npm run bench` at the end.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { median } from './lib/stats.mjs';
import { SUBJECTS } from './lib/subjects.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs in the page. Returns ns/call per batch and heap figures; every call's result feeds a sink the JIT must keep. */
async function inPage({ calls, batches }) {
  const CR = window.ConsentRelay;
  await CR.ready;
  if (!CR.telemetry || typeof CR.telemetry.count !== 'function')
    throw new Error('ConsentRelay.telemetry.count is not a function');
  const gc = typeof window.gc === 'function' ? () => window.gc() : null;
  const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 50)); // let anything the calls scheduled (persist, debounce) run
    if (gc) gc();
  };
  let sink = 0;
  const time = (fn) => {
    const t0 = performance.now();
    fn();
    return ((performance.now() - t0) * 1e6) / calls; // ns per call
  };
  const loops = {
    empty: () => {
      for (let i = 0; i < calls; i++) sink += i & 1;
    },
    count: () => {
      const t = CR.telemetry;
      for (let i = 0; i < calls; i++) sink += t.count('name') ? 1 : 0;
    },
    hasConsent: () => {
      for (let i = 0; i < calls; i++) sink += CR.hasConsent('analytics') ? 1 : 0;
    },
  };

  await settle();
  const heapStart = heap();
  const out = { gcExposed: !!gc, heapStart, ns: {}, heapAfter: {} };
  for (const name of ['empty', 'hasConsent', 'count']) {
    const ns = [];
    for (let b = 0; b < batches; b++) {
      ns.push(time(loops[name]));
      if (b === 0) {
        await settle();
        out.heapAfter[name + ' ×1e6'] = heap();
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    await settle();
    out.heapAfter[`${name} ×${batches}e6`] = heap();
    out.ns[name] = ns;
  }
  out.sink = sink;
  return out;
}

export async function runMicro({ calls = 1e6, batches = 5 } = {}) {
  if (!existsSync(resolve(ROOT, 'dist/consent-relay.js')))
    throw new Error('dist/consent-relay.js is missing: run `npm run build` first');
  const subject = SUBJECTS.find((s) => s.id === 'ours-telemetry');
  const server = await startServer({ root: ROOT, pages: new Map([['/micro.html', subject.html]]), packages: [] });
  const { browser, version } = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/micro.html`, { waitUntil: 'load' });
    const r = await page.evaluate(inPage, { calls, batches });
    const med = Object.fromEntries(Object.entries(r.ns).map(([k, v]) => [k, median(v)]));
    const fmt = (n) => (n == null ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
    const kb = (n) => (n == null ? '–' : `${(n / 1024).toFixed(0)} KiB`);
    const lines = [
      `### micro-bench, ${new Date().toISOString()} — Chromium ${version}, ${calls.toExponential(0)} calls per batch, median of ${batches} batches${r.gcExposed ? ', heap after gc()' : ' (gc not exposed: heap without GC)'}`,
      '',
      '| call | ns per call, median [min–max] | heap after 1e6 calls | heap after all batches |',
      '|---|---|---|---|',
      ...['count', 'hasConsent', 'empty'].map((k) => {
        const label = {
          count: "`ConsentRelay.telemetry.count('name')`",
          hasConsent: "`ConsentRelay.hasConsent('analytics')`",
          empty: 'empty loop (overhead)',
        }[k];
        return `| ${label} | ${fmt(med[k])} [${fmt(Math.min(...r.ns[k]))}–${fmt(Math.max(...r.ns[k]))}] | ${kb(r.heapAfter[k + ' ×1e6'])} | ${kb(r.heapAfter[`${k} ×${batches}e6`])} |`;
      }),
      '',
      `Heap at start: ${kb(r.heapStart)} (performance.memory.usedJSHeapSize, precise memory info).`,
    ];
    console.log('\n' + lines.join('\n') + '\n');
    await context.close();
    return { ...r, median: med, chromium: version, calls, batches, markdown: lines.join('\n') };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name, d) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  runMicro({ calls: arg('--calls', 1e6), batches: arg('--batches', 5) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
