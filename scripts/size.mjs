#!/usr/bin/env node
/**
 * npm run size — the size guard (issue 6 item 4): a size check, not a timing.
 * Reads gzip budgets (bytes) from scripts/size-budget.json; an entry may be a glob (`*` within a path segment,
 * `**` across segments) and then applies to each matching file. Prints every file's raw / gzip (level 9) /
 * brotli (quality 11) size and exits 1 when any file is over its gzip budget. A file or glob that matches nothing
 * is optional: it is skipped with a note (e.g. the telemetry chunk before it is split out).
 *
 *   node scripts/size.mjs [--budget scripts/size-budget.json] [--json]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const budgetArg = args.includes('--budget') ? args[args.indexOf('--budget') + 1] : 'scripts/size-budget.json';
const asJson = args.includes('--json');

const toPosix = (p) => p.split(sep).join('/');
const globToRegExp = (glob) =>
  new RegExp(
    '^' +
      glob
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === '**/'
            ? '(?:.*/)?'
            : part === '**'
              ? '.*'
              : part === '*'
                ? '[^/]*'
                : part === '?'
                  ? '[^/]'
                  : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('') +
      '$',
  );

/** Files under `base` (repo-relative, posix) matching the glob; walks only from the glob's literal prefix. */
function expand(pattern) {
  if (!/[*?]/.test(pattern)) {
    try {
      return statSync(resolve(ROOT, pattern)).isFile() ? [pattern] : [];
    } catch {
      return [];
    }
  }
  const literal = pattern
    .split('/')
    .filter((_, i, a) => !/[*?]/.test(a.slice(0, i + 1).join('/')))
    .join('/');
  const re = globToRegExp(pattern);
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(resolve(ROOT, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (re.test(rel)) out.push(rel);
    }
  };
  walk(literal);
  return out.sort();
}

const measure = (file) => {
  const bytes = readFileSync(resolve(ROOT, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_MODE]: zc.BROTLI_MODE_TEXT },
    }).length,
  };
};

const budgetPath = resolve(ROOT, budgetArg);
let budgets;
try {
  budgets = JSON.parse(readFileSync(budgetPath, 'utf8'));
} catch (e) {
  console.error(`size: cannot read ${toPosix(relative(ROOT, budgetPath))}: ${e.message}`);
  process.exit(2);
}

const rows = [];
const notes = [];
const seen = new Set();
for (const [pattern, budget] of Object.entries(budgets)) {
  if (typeof budget !== 'number' || !(budget > 0)) {
    console.error(`size: the budget of ${pattern} must be a positive number of gzip bytes`);
    process.exit(2);
  }
  const files = expand(pattern);
  if (!files.length) {
    notes.push(`${pattern}: no such file, skipped (optional)`);
    continue;
  }
  for (const file of files) {
    if (seen.has(file)) continue; // the first entry that names a file sets its budget
    seen.add(file);
    const s = measure(file);
    rows.push({ file, pattern, budget, ...s, over: s.gzip > budget });
  }
}

if (asJson) console.log(JSON.stringify({ files: rows, notes }, null, 2));
else {
  const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;
  const w = Math.max(4, ...rows.map((r) => r.file.length));
  console.log(
    `${'file'.padEnd(w)}  ${'raw'.padStart(11)}  ${'gzip'.padStart(11)}  ${'brotli'.padStart(11)}  ${'budget (gz)'.padStart(11)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(w)}  ${kib(r.raw).padStart(11)}  ${kib(r.gzip).padStart(11)}  ${kib(r.brotli).padStart(11)}  ${kib(r.budget).padStart(11)}  ` +
        (r.over ? `OVER by ${r.gzip - r.budget} B` : 'ok'),
    );
  }
  for (const n of notes) console.log(`note: ${n}`);
}
const over = rows.filter((r) => r.over);
if (over.length) {
  console.error(
    `size: ${over.length} file(s) over budget: ${over.map((r) => `${r.file} (${r.gzip} B gzip > ${r.budget} B)`).join(', ')}`,
  );
  process.exit(1);
}
if (!rows.length) console.log('size: no budgeted file exists yet (run `npm run build` first?)');
