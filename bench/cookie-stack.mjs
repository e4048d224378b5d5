#!/usr/bin/env node
/**
 * node bench/cookie-stack.mjs [--runs 15]
 *
 * What a `document.cookie` read costs in Chromium depending on the functions on its stack (src/create.ts keeps the
 * drop-in's cookie read out of its large wiring function for this). A bare page loads one async script; each variant
 * reads the cookie twice from a microtask and records both times. `large` means a function whose text holds the
 * whole built drop-in (dist/consent-relay.js, never run): Chromium collects the source positions of the functions on
 * the stack of a cookie read by re-parsing them, so the size of each caller's text counts, not what it runs.
 * Build first (`npm run build`). Prints the median of each read, in ms.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Math.max(1, parseInt(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '15', 10) || 15);
const HINT = '//# allFunctionsCalledOnLoad\n';
const core = readFileSync(join(ROOT, 'dist/consent-relay.js'), 'utf8').replace(HINT, '');
const read =
  'const t0 = performance.now(); document.cookie; const t1 = performance.now(); document.cookie;' +
  ' window.__reads = [t1 - t0, performance.now() - t1];';
const never = `if (window.__never) { ${core} }`;
const VARIANTS = {
  'small function, nothing large around it': `(function () { queueMicrotask(function read() { ${read} }); })();`,
  'small function inside a large one, called from a small one': `${HINT}(function () { queueMicrotask(function read() { ${read} }); ${never} })();`,
  'small function called by a large one': `${HINT}(function () { function read() { ${read} } queueMicrotask(function large() { ${never} read(); }); })();`,
};

const html = '<!doctype html><html><head><script src="/a.js" async></script></head><body>cookie</body></html>';
let script = '';
const server = createServer((request, response) => {
  response.setHeader('content-type', request.url === '/a.js' ? 'text/javascript' : 'text/html');
  response.end(request.url === '/a.js' ? script : html);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const { browser, version } = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `cookie reads by stack, ${runs} runs each, Chromium ${version}\n\n| stack | first read ms | second read ms |\n|---|---|---|`,
);
for (const [name, source] of Object.entries(VARIANTS)) {
  script = source;
  const reads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__reads);
    reads.push(await page.evaluate(() => window.__reads));
    await context.close();
  }
  console.log(
    `| ${name} | ${median(reads.map((r) => r[0])).toFixed(2)} | ${median(reads.map((r) => r[1])).toFixed(2)} |`,
  );
}
await browser.close();
server.close();
