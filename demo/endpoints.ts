import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { GEO_CHOICES, SLOW_MS } from './geo';
import { createServerHalf } from './server-half';

type Next = (err?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

interface Received {
  duplicate: boolean;
  kind: 'receipt' | 'report';
  tag: string | null;
  at: string;
  headers: Record<string, string>;
  body: unknown;
}

const MAX_BODY = 256 * 1024;
const MAX_KEPT = 2000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo's endpoints, shared by `npm run demo` and the e2e tests: the built script, a geo endpoint whose answer is
 * chosen per request, a collector that stores receipts and reports and lists them, and a page builder for tests.
 */
export function createDemoEndpoints(opts: { root: string }): { middleware: Middleware; received: Received[] } {
  const received: Received[] = [];
  const dist = join(opts.root, 'dist');
  /** per collector tag: how many more requests to fail, and with which status (`?fail=503x2`) */
  const failures = new Map<string, { status: number; left: number }>();
  const seenKeys = new Set<string>();
  let origin = '';
  // A short interval, so a person sees the fallback happen within a minute.
  const serverHalf = createServerHalf({
    collectorUrl: () => origin + '/api/collector/reports',
    intervalMs: 30_000,
    timeoutMs: 2000,
  });

  const middleware: Middleware = (req, res, next) => {
    const url = new URL(req.url || '/', 'http://demo.local');
    const path = url.pathname;
    if (!origin && req.headers.host) origin = 'http://' + req.headers.host;
    const run = async () => {
      // The built file, exactly as a site would serve it (tests run against it, not the sources).
      // Script copies whose language packs fail in a chosen way (the language e2e tests load the script from here).
      const variant = /^\/__variant\/(missing|malformed|slow)(\/.*)$/.exec(path);
      if (variant && variant[2].startsWith('/i18n/')) {
        if (variant[1] === 'missing') return send(res, 404, { error: 'no such pack (simulated)' });
        if (variant[1] === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"acceptAll": "Tout accepter", broken');
        }
        await new Promise((r) => setTimeout(r, 3000));
      }
      if (variant) req.url = path.slice(('/__variant/' + variant[1]).length);
      const file = variant ? variant[2] : path;
      if (/^\/consent-relay(\.[a-z]+)?\.js$/.test(file) || file.startsWith('/i18n/') || file.startsWith('/dist/')) {
        const rel = normalize(file.replace(/^\/dist\//, '/')).replace(/^(\.\.[/\\])+/, '');
        try {
          const file = await readDist(dist, rel);
          res.writeHead(200, {
            'content-type': extname(rel) === '.json' ? 'application/json' : 'text/javascript; charset=utf-8',
            'cache-control': 'no-cache',
          });
          return res.end(file);
        } catch {
          return send(res, 404, { error: `dist${rel} not found: run npm run build` });
        }
      }
      if (path === '/api/geo') {
        const as = url.searchParams.get('as') || 'EU';
        const choice =
          GEO_CHOICES[as] ??
          (/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(as)
            ? { country: as.slice(0, 2), region: as.slice(3) || undefined }
            : undefined);
        if (!choice) return send(res, 400, { error: `unknown geo choice ${as}` });
        if (choice === 'fail') return send(res, 500, { error: 'simulated geo failure' });
        if (choice === 'slow') {
          await new Promise((r) => setTimeout(r, SLOW_MS));
          return send(res, 200, GEO_CHOICES.EU);
        }
        return send(res, 200, choice, { 'access-control-allow-origin': '*' });
      }
      if (path === '/api/collector/receipts' || path === '/api/collector/reports') {
        if (req.method === 'OPTIONS') return send(res, 204, '', cors);
        if (req.method !== 'POST') return send(res, 405, { error: 'POST only' }, { allow: 'POST' });
        const tag = url.searchParams.get('t');
        const fail = url.searchParams.get('fail');
        if (fail && tag) {
          // `fail=503x2`: the first two requests of this tag get 503 with Retry-After: 1.
          const m = /^(\d{3})x(\d+)$/.exec(fail);
          if (m && !failures.has(tag)) failures.set(tag, { status: Number(m[1]), left: Number(m[2]) });
          const f = failures.get(tag);
          if (f && f.left > 0) {
            f.left--;
            await readBody(req).catch(() => '');
            return send(res, f.status, { error: 'simulated collector failure' }, { ...cors, 'retry-after': '1' });
          }
        }
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          return send(res, 400, { error: 'body must be JSON' }, cors);
        }
        // The idempotency key lets a collector drop a report it already has (a retry whose answer was lost).
        const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
        const duplicate = !!key && seenKeys.has(key);
        if (key) seenKeys.add(key);
        received.push({
          duplicate,
          kind: path.endsWith('receipts') ? 'receipt' : 'report',
          tag,
          at: new Date().toISOString(),
          headers: pickHeaders(req),
          body,
        });
        if (received.length > MAX_KEPT) received.splice(0, received.length - MAX_KEPT);
        return send(res, 202, { ok: true }, cors);
      }
      if (path === '/api/collector') {
        const tag = url.searchParams.get('t');
        const kind = url.searchParams.get('kind');
        return send(
          res,
          200,
          received.filter((r) => (!tag || r.tag === tag) && (!kind || r.kind === kind)),
        );
      }
      // No favicon: a 404 in the console would hide the errors the tests look for.
      if (path === '/favicon.ico') return send(res, 204, '');
      if (path.startsWith('/api/server/')) return serverHalf(req, res, path, url.searchParams);
      if (path === '/__test/page') {
        const [first, ...rest] = testPage(url.searchParams).split('<!--stall-->');
        if (!rest.length) return send(res, 200, first, testHeaders(url.searchParams));
        // `<!--stall-->` in the page: send what comes before, wait, then the rest (a page arriving in chunks).
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          ...testHeaders(url.searchParams),
        });
        res.write(first);
        for (const part of rest) {
          await new Promise((r) => setTimeout(r, 400));
          res.write(part);
        }
        return res.end();
      }
      if (path === '/__test/script.js') {
        // A tiny same-origin script for gating tests: records its name in window.__ran; `delay` ms holds it back.
        const name = (url.searchParams.get('name') || 'X').replace(/[^\w-]/g, '');
        const delay = Math.min(Number(url.searchParams.get('delay')) || 0, 10_000);
        if (delay) await new Promise((r) => setTimeout(r, delay));
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(`window.__ran=(window.__ran||[]);window.__ran.push(${JSON.stringify(name)});`);
      }
      next();
    };
    run().catch((e) => send(res, 500, { error: String(e && e.message) }));
  };
  return { middleware, received };
}

/**
 * A file of dist/. `npm run build` beside a running server (another terminal, a parallel test run) empties dist/ for
 * a moment: while the main file is missing too, wait for the build to write it rather than answer 404.
 */
async function readDist(dist: string, rel: string): Promise<Buffer> {
  for (let i = 0; ; i++) {
    try {
      return await readFile(join(dist, rel));
    } catch (e) {
      if (i >= 40 || existsSync(join(dist, 'consent-relay.js'))) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET',
  'access-control-allow-headers': 'content-type, idempotency-key',
  // A cross-origin page can read Retry-After only when it is exposed (Fetch standard, CORS-safelisted response headers).
  'access-control-expose-headers': 'retry-after',
};

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['content-type', 'idempotency-key', 'cookie', 'user-agent', 'origin', 'sec-gpc'])
    if (typeof req.headers[k] === 'string') out[k] = req.headers[k] as string;
  return out;
}

function testHeaders(q: URLSearchParams): Record<string, string> {
  return q.get('csp') ? { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" } : {};
}

/**
 * A page for one e2e test, built from the query: `config` (JSON), `via` = window | json | both | none,
 * `load` = sync | async | defer | twice | none (the test injects it), `body` (extra HTML), `head` (extra HTML before the script),
 * `after` (extra HTML after the script, still in <head>).
 */
function testPage(q: URLSearchParams): string {
  const config = q.get('config');
  const via = q.get('via') || 'json';
  const load = q.get('load') || 'async';
  const src = escapeHtml(q.get('src') || '/consent-relay.js');
  const tag = (attr: string) => `<script src="${src}"${attr}></script>`;
  const cfgJson = q.get('json') ?? config;
  const parts = [
    '<!doctype html><html lang="' + escapeHtml(q.get('lang') || 'en') + '"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>consent-relay test page</title>',
  ];
  if (config && (via === 'window' || via === 'both'))
    parts.push(`<script>window.ConsentRelayConfig = ${config};</script>`);
  if (cfgJson && (via === 'json' || via === 'both'))
    parts.push(`<script type="application/json" id="consent-relay-config">${cfgJson.replace(/<\//g, '<\\/')}</script>`);
  parts.push(q.get('head') || '');
  if (load === 'sync') parts.push(tag(''));
  if (load === 'async') parts.push(tag(' async'));
  if (load === 'defer') parts.push(tag(' defer'));
  if (load === 'twice') parts.push(tag(' async'), tag(' defer'));
  parts.push(q.get('after') || '');
  parts.push('</head><body><main><h1>Test page</h1><p>Some content.</p>', q.get('body') || '', '</main>');
  parts.push('</body></html>');
  return parts.join('\n');
}
