#!/usr/bin/env node
/**
 * npm run bench — consent-relay side by side with its peers, in real headless Chromium (issue 6).
 *
 *   node bench/run.mjs [--runs 10] [--subjects ours,floor] [--no-micro]
 *
 * Serves each subject's page from its own static server on 127.0.0.1 (uncompressed), runs them interleaved
 * (A B C … A B C …), each run in a fresh browser context, as three passes per round: 1× CPU, 4× CPU throttling, and
 * (for ours) a returning visitor, after one unrecorded warm-up visit per subject. Prints a markdown table of medians [min–max] and writes
 * bench/results/<timestamp>.json and bench/results/latest.md. Then runs bench/micro.mjs unless --no-micro.
 *
 * Absolute times move with the machine; compare the ratios to the floor (a hand-written static banner).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { launch } from './lib/browser.mjs';
import { probe } from './lib/probe.mjs';
import { startServer } from './lib/server.mjs';
import { summary } from './lib/stats.mjs';
import { SUBJECTS } from './lib/subjects.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = ['vanilla-cookieconsent', 'klaro', 'cookieconsent'];
const SETTLE_MS = 1000; // after load and banner visible, before the pre-consent snapshot
const RETURNING_WATCH_MS = 500; // how long after load a returning visitor's page is watched for a banner
const THROTTLE = 4;

// ---------------------------------------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = { runs: 10, subjects: null, micro: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (a.includes('=') ? a.split('=').slice(1).join('=') : argv[++i]);
    if (a === '--runs' || a.startsWith('--runs=')) o.runs = Math.max(1, parseInt(val(), 10) || 10);
    else if (a === '--subjects' || a.startsWith('--subjects='))
      o.subjects = val()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--no-micro') o.micro = false;
    else if (a === '--help' || a === '-h') {
      console.log(
        'node bench/run.mjs [--runs N] [--subjects ' + SUBJECTS.map((s) => s.id).join(',') + '] [--no-micro]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------- sizes
const sizeCache = new Map();
function sizes(url, bytes) {
  const key = url + ':' + bytes.length;
  if (!sizeCache.has(key)) {
    sizeCache.set(key, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: {
          [zc.BROTLI_PARAM_QUALITY]: 11,
          [zc.BROTLI_PARAM_MODE]: zc.BROTLI_MODE_TEXT,
          [zc.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length,
    });
  }
  return sizeCache.get(key);
}

const withTimeout = (p, ms, what) =>
  Promise.race([
    p,
    new Promise((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms)),
  ]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const metricsOf = async (cdp) =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

/** Total blocking time and count of long tasks (> 50 ms) in a list of longtask entries. */
const blocking = (tasks) => ({ count: tasks.length, tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0) });

/** CLS as web-vitals computes it: the largest session window (gap < 1 s, window < 5 s). */
function cls(shifts) {
  let max = 0,
    cur = 0,
    first = 0,
    last = 0;
  for (const s of shifts) {
    if (cur && s.start - last < 1000 && s.start - first < 5000) cur += s.value;
    else (cur = s.value), (first = s.start);
    last = s.start;
    max = Math.max(max, cur);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------- one run
async function newRun(browser, subject, { throttle, watch }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript(probe, { probe: subject.probe, stored: subject.stored, watch });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp };
}

/** A first visit: banner visible, script time, long tasks, CLS, requests and files before consent, heap, click → stored. */
async function firstVisit(browser, origin, subject, throttle) {
  const { context, page, cdp } = await newRun(browser, subject, { throttle, watch: false });
  const timeout = 15000 * throttle;
  try {
    let consentPhase = false;
    const requests = [];
    const bodies = [];
    page.on('request', (r) => {
      if (!consentPhase) requests.push({ url: r.url(), type: r.resourceType(), method: r.method() });
    });
    page.on('response', (r) => {
      if (consentPhase) return;
      const type = r.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      bodies.push(
        r.body().then(
          (b) => ({ url: r.url(), type, status: r.status(), ...sizes(r.url(), b) }),
          (e) => ({ url: r.url(), type, error: e.message }),
        ),
      );
    });

    await page.goto(`${origin}/${subject.id}.html`, { waitUntil: 'load', timeout });
    const visibleAt = await withTimeout(
      page.evaluate(() => window.__bench.whenVisible),
      timeout,
      'banner visible',
    );
    await sleep(SETTLE_MS);

    // Pre-consent snapshot: nothing of ours runs in the page between these two lines and the load.
    const m = await metricsOf(cdp);
    const b = await page.evaluate(() => {
      const B = window.__bench;
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        insertedAt: B.insertedAt,
        longtasks: B.longtasks.slice(),
        shifts: B.shifts.slice(),
        fcp: fcp ? fcp.startTime : null,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        load: nav ? nav.loadEventEnd : null,
      };
    });
    const heapBeforeGc = m.JSHeapUsedSize;
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = (await metricsOf(cdp)).JSHeapUsedSize;
    const files = await Promise.all(bodies);

    consentPhase = true;
    let clickToStored = null;
    let clickError = null;
    try {
      await page
        .locator(subject.accept)
        .first()
        .click({ timeout: 5000 * throttle });
      const [clickAt, storedAt] = await withTimeout(
        page.evaluate(() => window.__bench.whenStored.then((t) => [window.__bench.clickAt, t])),
        10000 * throttle,
        'decision stored after click',
      );
      clickToStored = storedAt - clickAt;
    } catch (e) {
      clickError = e.message.split('\n')[0];
    }

    const lt = blocking(b.longtasks);
    return {
      visibleAt,
      insertedAt: b.insertedAt,
      fcp: b.fcp,
      domContentLoaded: b.domContentLoaded,
      load: b.load,
      scriptMs: m.ScriptDuration * 1000,
      taskMs: m.TaskDuration * 1000,
      layoutMs: m.LayoutDuration * 1000,
      styleMs: m.RecalcStyleDuration * 1000,
      longTasks: lt.count,
      tbt: lt.tbt,
      longtaskList: b.longtasks,
      cls: cls(b.shifts),
      requests,
      requestCount: requests.length,
      files,
      gzip: files.reduce((s, f) => s + (f.gzip || 0), 0),
      brotli: files.reduce((s, f) => s + (f.brotli || 0), 0),
      raw: files.reduce((s, f) => s + (f.raw || 0), 0),
      heapBeforeGc,
      heap: heapAfterGc,
      clickToStored,
      clickError,
    };
  } finally {
    await context.close();
  }
}

/** A returning visitor (ours): accept once, reload in the same context, watch for a banner, read the first line. */
async function returningVisit(browser, origin, subject) {
  const { context, page, cdp } = await newRun(browser, subject, { throttle: 1, watch: true });
  try {
    const url = `${origin}/${subject.id}.returning.html`;
    await page.goto(url, { waitUntil: 'load' });
    await withTimeout(
      page.evaluate(() => window.__bench.whenVisible),
      15000,
      'banner visible (first visit)',
    );
    await page.locator(subject.accept).first().click({ timeout: 5000 });
    await withTimeout(
      page.evaluate(() => window.__bench.whenStored),
      10000,
      'decision stored',
    );
    // acceptAll() resolves once persisted; give IndexedDB a moment too before the reload.
    await page.evaluate(() => window.ConsentRelay && window.ConsentRelay.ready).catch(() => {});
    await sleep(300);

    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.reload({ waitUntil: 'load' });
    await sleep(RETURNING_WATCH_MS);
    const m = await metricsOf(cdp);
    const r = await page.evaluate(() => {
      const B = window.__bench;
      B.stop = true;
      return {
        everVisible: B.everVisible,
        insertedAt: B.insertedAt,
        presentAtEnd: B.presentAtEnd,
        frames: B.frames,
        firstLine: window.__firstLine || null,
      };
    });
    return {
      bannerPainted: r.everVisible,
      bannerInserted: r.insertedAt !== null,
      bannerPresentAtEnd: r.presentAtEnd,
      framesWatched: r.frames,
      firstLineDefined: r.firstLine ? r.firstLine.defined : false,
      hasConsentFirstLine: r.firstLine ? r.firstLine.hasAnalytics : null,
      firstLineAt: r.firstLine ? r.firstLine.at : null,
      scriptMsCumulative: m.ScriptDuration * 1000,
      requests,
    };
  } finally {
    await context.close();
  }
}

/**
 * Preferences first open (ours): a fresh context (the panel file not cached), banner visible, then the Preferences
 * button clicked in the page: time to the panel's first frame on screen, and the bytes fetched for it.
 */
async function prefsOpen(browser, origin, subject, throttle) {
  const { context, page } = await newRun(browser, subject, { throttle, watch: false });
  try {
    await page.goto(`${origin}/${subject.id}.html`, { waitUntil: 'load', timeout: 15000 * throttle });
    await withTimeout(
      page.evaluate(() => window.__bench.whenVisible),
      15000 * throttle,
      'banner visible',
    );
    await sleep(SETTLE_MS);
    const bodies = [];
    page.on('response', (r) =>
      bodies.push(
        r.body().then(
          (b) => sizes(r.url(), b).gzip,
          () => 0,
        ),
      ),
    );
    const ms = await withTimeout(
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const root = document.querySelector('#consent-relay').shadowRoot;
            const t0 = performance.now();
            root.querySelector('[data-cr-action="preferences"]').click();
            const check = () => {
              const p = root.querySelector('[data-cr="preferences"]');
              // on screen: laid out, then the frame that paints it
              if (p && p.getBoundingClientRect().height > 0)
                requestAnimationFrame(() => resolve(performance.now() - t0));
              else requestAnimationFrame(check);
            };
            check();
          }),
      ),
      10000 * throttle,
      'panel visible',
    );
    return { ms, gzip: (await Promise.all(bodies)).reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- report
const kib = (n) => (n == null ? '–' : `${(n / 1024).toFixed(1)} KiB`);
const mb = (n) => (n == null ? '–' : `${(n / 1048576).toFixed(2)} MB`);
const ms = (n, d = 0) => (n == null ? '–' : `${n.toFixed(d)} ms`);
const range = (s, f) => (s ? `[${f(s.min)}–${f(s.max)}]` : '');
const num = (d) => (n) => n.toFixed(d);

function aggregate(subject, runs, runs4, returning, prefs = [], prefs4 = []) {
  const ok = runs.filter((r) => !r.error);
  const ok4 = runs4.filter((r) => !r.error);
  const pick = (rs, k) => summary(rs.map((r) => r[k]));
  const urls = [...new Set(ok.flatMap((r) => r.requests.map((q) => q.url)))];
  const files = new Map();
  for (const r of ok) for (const f of r.files) files.set(f.url, f);
  const retOk = returning.filter((r) => !r.error);
  return {
    id: subject.id,
    name: subject.name,
    runs: runs.length,
    failed: runs.length - ok.length,
    failed4: runs4.length - ok4.length,
    errors: [...new Set([...runs, ...runs4, ...returning].filter((r) => r.error).map((r) => r.error))],
    gzip: pick(ok, 'gzip'),
    brotli: pick(ok, 'brotli'),
    raw: pick(ok, 'raw'),
    files: [...files.values()],
    visible: pick(ok, 'visibleAt'),
    inserted: pick(ok, 'insertedAt'),
    fcp: pick(ok, 'fcp'),
    script: pick(ok, 'scriptMs'),
    longTasks: pick(ok, 'longTasks'),
    tbt: pick(ok, 'tbt'),
    visible4: pick(ok4, 'visibleAt'),
    script4: pick(ok4, 'scriptMs'),
    longTasks4: pick(ok4, 'longTasks'),
    tbt4: pick(ok4, 'tbt'),
    cls: pick(ok, 'cls'),
    cls4: pick(ok4, 'cls'),
    requests: pick(ok, 'requestCount'),
    requestUrls: urls,
    heap: pick(ok, 'heap'),
    clickToStored: pick(ok, 'clickToStored'),
    clickErrors: [...new Set(ok.map((r) => r.clickError).filter(Boolean))],
    prefsOpen: prefs.some((r) => !r.error)
      ? {
          ms: summary(prefs.filter((r) => !r.error).map((r) => r.ms)),
          ms4: summary(prefs4.filter((r) => !r.error).map((r) => r.ms)),
          gzip: summary(prefs.filter((r) => !r.error).map((r) => r.gzip)),
        }
      : null,
    returning: subject.returningHtml
      ? {
          runs: returning.length,
          failed: returning.length - retOk.length,
          bannerPaintedRuns: retOk.filter((r) => r.bannerPainted).length,
          bannerInsertedRuns: retOk.filter((r) => r.bannerInserted).length,
          hasConsentTrueRuns: retOk.filter((r) => r.hasConsentFirstLine === true).length,
          firstLineAt: summary(retOk.map((r) => r.firstLineAt)),
          requestUrls: [...new Set(retOk.flatMap((r) => r.requests))],
        }
      : null,
  };
}

function table(rows) {
  const floor = rows.find((r) => r.id === 'floor');
  const floorVis = floor && floor.visible ? floor.visible.median : null;
  const floorScript = floor && floor.script ? floor.script.median : null;
  const out = [
    '| subject | gzip JS+CSS | brotli | banner visible, median (× floor) [min–max] | script time (× floor) | long tasks / TBT 1× | long tasks / TBT 4× | CLS | requests before consent | JS heap (after GC) | click → cookie |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (!r.visible) {
      out.push(
        `| ${r.name} | error: ${(r.errors[0] || 'no successful run').replace(/\|/g, '\\|').slice(0, 160)} | | | | | | | | | |`,
      );
      continue;
    }
    const ratio = (v, f) => (f && v ? ` (${(v / f).toFixed(2)}×)` : '');
    const lt = (c, t) =>
      c ? `${num(c.median % 1 ? 1 : 0)(c.median)} / ${ms(t.median)} [max ${c.max} / ${ms(t.max)}]` : '–';
    const cells = [
      r.name + (r.failed ? ` (${r.failed}/${r.runs} runs failed)` : ''),
      kib(r.gzip?.median),
      kib(r.brotli?.median),
      `${ms(r.visible.median)}${ratio(r.visible.median, floorVis)} ${range(r.visible, (v) => v.toFixed(0))}`,
      `${ms(r.script?.median, 1)}${ratio(r.script?.median, floorScript)} ${range(r.script, (v) => v.toFixed(1))}`,
      lt(r.longTasks, r.tbt),
      r.longTasks4 ? lt(r.longTasks4, r.tbt4) : `– ${r.failed4 ? '(4× runs failed)' : ''}`,
      r.cls ? `${r.cls.median.toFixed(3)}${r.cls.max > 0 ? ` [max ${r.cls.max.toFixed(3)}]` : ''}` : '–',
      r.requests ? `${r.requests.median}` : '–',
      mb(r.heap?.median),
      r.clickToStored
        ? `${ms(r.clickToStored.median, 1)} ${range(r.clickToStored, (v) => v.toFixed(1))}`
        : `– ${r.clickErrors[0] ? '(' + r.clickErrors[0].slice(0, 80) + ')' : ''}`,
    ];
    out.push('| ' + cells.join(' | ') + ' |');
  }
  return out.join('\n');
}

function details(rows, origin) {
  const rel = (u) => (u.startsWith(origin) ? u.slice(origin.length) : u);
  const out = [];
  for (const r of rows) {
    if (r.returning) {
      const x = r.returning;
      out.push(
        `- **${r.name}, returning visitor** (${x.runs - x.failed}/${x.runs} runs): banner painted in ${x.bannerPaintedRuns}, ` +
          `banner element inserted in ${x.bannerInsertedRuns}; \`hasConsent('analytics')\` true on the page's first script line in ${x.hasConsentTrueRuns}` +
          (x.firstLineAt ? ` (that line ran at ${ms(x.firstLineAt.median)} median)` : '') +
          `; requests: ${x.requestUrls.map(rel).join(', ') || 'none'}.`,
      );
    }
  }
  for (const r of rows) {
    if (!r.prefsOpen) continue;
    const x = r.prefsOpen;
    out.push(
      `- **${r.name}, preferences first open** (panel not cached): click → panel visible ${ms(x.ms?.median, 1)} ${range(x.ms, (v) => v.toFixed(1))} at 1×, ${ms(x.ms4?.median, 1)} at 4×; fetched for it ${kib(x.gzip?.median)} gzip.`,
    );
  }
  for (const r of rows) {
    if (!r.visible) continue;
    out.push(
      `- **${r.name}**: before consent ${r.requestUrls.map(rel).join(', ')}; files ${r.files
        .map((f) => `${rel(f.url)} ${kib(f.raw)} raw / ${kib(f.gzip)} gz / ${kib(f.brotli)} br`)
        .join('; ')}` +
        `; banner inserted at ${ms(r.inserted?.median)}, FCP ${ms(r.fcp?.median)}; at 4×: visible ${ms(r.visible4?.median)}, script ${ms(r.script4?.median, 1)}` +
        (r.errors.length ? `; errors: ${r.errors.join(' / ')}` : '') +
        '.',
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const subjects = opts.subjects ? SUBJECTS.filter((s) => opts.subjects.includes(s.id)) : SUBJECTS;
  const unknown = (opts.subjects || []).filter((id) => !SUBJECTS.some((s) => s.id === id));
  if (unknown.length)
    throw new Error(`unknown subject(s): ${unknown.join(', ')} (known: ${SUBJECTS.map((s) => s.id).join(', ')})`);
  if (!existsSync(resolve(ROOT, 'dist/consent-relay.js')))
    console.warn('dist/consent-relay.js is missing: run `npm run build` (npm run bench does).');

  const pages = new Map();
  for (const s of subjects) {
    pages.set(`/${s.id}.html`, s.html);
    if (s.returningHtml) pages.set(`/${s.id}.returning.html`, s.returningHtml);
  }
  const server = await startServer({ root: ROOT, pages, packages: PEERS });
  const { browser, executablePath, version } = await launch();
  const started = new Date();
  const versions = Object.fromEntries(
    PEERS.map((p) => {
      try {
        return [p, JSON.parse(readFileSync(resolve(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version];
      } catch {
        return [p, null];
      }
    }),
  );
  console.log(
    `bench: ${subjects.map((s) => s.id).join(', ')} × ${opts.runs} rounds on ${server.origin}, Chromium ${version} (${executablePath})`,
  );

  const results = Object.fromEntries(
    subjects.map((s) => [s.id, { runs: [], runs4: [], returning: [], prefs: [], prefs4: [] }]),
  );
  const attempt = async (list, fn) => {
    try {
      list.push(await fn());
    } catch (e) {
      list.push({ error: e.message.split('\n')[0] });
    }
  };
  try {
    // One unrecorded warm-up visit per subject: the browser's first navigations pay for process and cache start-up.
    for (const s of subjects) await attempt([], () => firstVisit(browser, server.origin, s, 1));
    for (let round = 1; round <= opts.runs; round++) {
      const t0 = Date.now();
      for (const s of subjects) await attempt(results[s.id].runs, () => firstVisit(browser, server.origin, s, 1));
      for (const s of subjects)
        await attempt(results[s.id].runs4, () => firstVisit(browser, server.origin, s, THROTTLE));
      for (const s of subjects)
        if (s.returningHtml) await attempt(results[s.id].returning, () => returningVisit(browser, server.origin, s));
      for (const s of subjects)
        if (s.returningHtml) {
          await attempt(results[s.id].prefs, () => prefsOpen(browser, server.origin, s, 1));
          await attempt(results[s.id].prefs4, () => prefsOpen(browser, server.origin, s, THROTTLE));
        }
      const vis = subjects.map((s) => {
        const r = results[s.id].runs.at(-1);
        return `${s.id} ${r.error ? 'ERR' : r.visibleAt.toFixed(0)}`;
      });
      console.log(
        `round ${round}/${opts.runs} (${((Date.now() - t0) / 1000).toFixed(1)} s): visible ms ${vis.join(', ')}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const rows = subjects.map((s) =>
    aggregate(
      s,
      results[s.id].runs,
      results[s.id].runs4,
      results[s.id].returning,
      results[s.id].prefs,
      results[s.id].prefs4,
    ),
  );
  const env = {
    date: started.toISOString(),
    command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    rounds: opts.runs,
    chromium: version,
    executablePath,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model || '?'}`,
    loadavg: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    peers: versions,
    settleMs: SETTLE_MS,
    throttle: THROTTLE,
  };
  const md = [
    `### consent-relay bench, ${env.date}`,
    '',
    `\`${env.command}\` — ${env.rounds} interleaved rounds, fresh context per run; headless Chromium ${env.chromium}; Node ${env.node}; ` +
      `${env.cpus}, load average ${env.loadavg} at the end (shared machine: absolute times are noisy, compare the × floor ratios). ` +
      `Peers: ${Object.entries(versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    '',
    table(rows),
    '',
    details(rows, server.origin),
    '',
    'Banner visible: ms from navigation start to the first animation frame in which the banner has a non-zero box in the viewport and ' +
      '`checkVisibility({opacityProperty, visibilityProperty})`. Script time: CDP `Performance.getMetrics` ScriptDuration up to ' +
      `${SETTLE_MS} ms after the banner showed. TBT: sum over long tasks of (duration − 50 ms), whole page life before consent. ` +
      'Requests before consent include the page itself. Heap: JSHeapUsedSize after a forced GC, before consent. ' +
      'Click → cookie: from the click event (capture) to the first poll that sees the decision in document.cookie.',
  ].join('\n');
  console.log('\n' + md + '\n');

  const outDir = resolve(ROOT, 'bench/results');
  await mkdir(outDir, { recursive: true });
  const stamp = env.date.replace(/:/g, '-').replace(/\..*/, '');
  const json = { env, subjects: rows, raw: results };
  await writeFile(resolve(outDir, `${stamp}.json`), JSON.stringify(json, null, 2));
  await writeFile(resolve(outDir, 'latest.md'), md + '\n');
  console.log(`wrote bench/results/${stamp}.json and bench/results/latest.md`);

  if (opts.micro && subjects.some((s) => s.id === 'ours-telemetry')) {
    const { runMicro } = await import('./micro.mjs');
    try {
      const micro = await runMicro();
      json.micro = micro;
      await writeFile(resolve(outDir, `${stamp}.json`), JSON.stringify(json, null, 2));
      await writeFile(resolve(outDir, 'latest.md'), md + '\n\n' + micro.markdown + '\n');
    } catch (e) {
      console.error('micro-bench failed:', e.message);
      process.exitCode = 1;
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
