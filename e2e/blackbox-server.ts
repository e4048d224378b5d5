/**
 * A tiny static server for the black-box tests (e2e/blackbox-*.spec.ts): it serves the built dist/ and pages the
 * tests write inline, records every request, and gives the tests the endpoints docs/SPEC.md names (a geo endpoint
 * whose answer the test releases, a receipt endpoint, a telemetry endpoint, a server status URL). Only what
 * docs/SPEC.md §1–§5 and README.md say is assumed: no file of src/ is read.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Page, test } from '@playwright/test';

const distDirectory = join(process.cwd(), 'dist');

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

interface HeldAnswer {
  response: ServerResponse;
  arrived: true;
}

export interface BlackboxServer {
  origin: string;
  /** every request, in arrival order */
  requests: RecordedRequest[];
  /** serve `html` at `/p/<name>` */
  page(name: string, html: string): string;
  /** answer the next requests for `path` with 404 (as many times as `times`) */
  failNext(path: string, times: number): void;
  /** a geo endpoint URL whose answer waits until `releaseGeo(key, …)` */
  heldGeo(key: string): string;
  /** true once a request for the held geo endpoint `key` has arrived */
  geoArrived(key: string): boolean;
  releaseGeo(key: string, answer: unknown): void;
  /** hold the answers to POSTs to `/collect/<tag>` until `releaseCollect(tag)` (the request is recorded at once) */
  holdCollect(tag: string): void;
  releaseCollect(tag: string): void;
  /** the JSON bodies POSTed to `/collect/<tag>` */
  collected(tag: string): any[];
  /** set what `GET /status/<tag>` answers */
  setStatus(tag: string, status: unknown): void;
  /** forget every request, held or released answer, failure and status: each test starts from nothing */
  forget(): void;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

export async function startBlackboxServer(): Promise<BlackboxServer> {
  const pages = new Map<string, string>();
  const failing = new Map<string, number>();
  const held = new Map<string, HeldAnswer>();
  const releasedGeo = new Map<string, unknown>();
  const statuses = new Map<string, unknown>();
  const heldCollect = new Map<string, Array<() => void>>();
  const requests: RecordedRequest[] = [];

  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => resolve(text));
    });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url || '/', 'http://127.0.0.1');
    const body = await readBody(request);
    requests.push({ method: request.method || 'GET', path: url.pathname + url.search, body, headers: request.headers });
    response.setHeader('Cache-Control', 'no-store');
    const remainingFailures = failing.get(url.pathname) || 0;
    if (remainingFailures > 0) {
      failing.set(url.pathname, remainingFailures - 1);
      response.writeHead(404).end('not found');
      return;
    }
    // the browser asks for it on every page: answered, so a console 404 means one of ours
    if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    if (url.pathname.startsWith('/p/')) {
      const html = pages.get(url.pathname.slice(3));
      if (html === undefined) return void response.writeHead(404).end();
      const type = url.pathname.endsWith('.js') ? types['.js'] : types['.html'];
      response.writeHead(200, { 'Content-Type': type }).end(html);
      return;
    }
    for (const prefix of ['/dist/', '/cdn/assets/']) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = normalize(join(distDirectory, url.pathname.slice(prefix.length)));
      if (!file.startsWith(distDirectory) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    if (url.pathname.startsWith('/geo/')) {
      const key = url.pathname.slice(5);
      const answer = (json: unknown) =>
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
      if (releasedGeo.has(key)) answer(releasedGeo.get(key));
      else held.set(key, { response, arrived: true });
      return;
    }
    if (url.pathname.startsWith('/collect/')) {
      if (request.method === 'OPTIONS') return void response.writeHead(204).end();
      const answer = () => response.writeHead(201, { 'Content-Type': 'application/json' }).end('{}');
      const waiting = heldCollect.get(url.pathname.slice(9));
      if (waiting) waiting.push(answer);
      else answer();
      return;
    }
    if (url.pathname.startsWith('/status/')) {
      const tag = url.pathname.slice(8);
      if (request.method === 'POST') return void response.writeHead(204).end();
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(statuses.get(tag) ?? {}));
      return;
    }
    response.writeHead(404).end();
  };

  function releaseCollect(tag: string) {
    const waiting = heldCollect.get(tag) || [];
    heldCollect.delete(tag);
    for (const answer of waiting) answer();
  }

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests,
    page(name, html) {
      pages.set(name, html);
      return `${origin}/p/${name}`;
    },
    failNext(path, times) {
      failing.set(path, times);
    },
    heldGeo: (key) => `${origin}/geo/${key}`,
    geoArrived: (key) => held.has(key),
    releaseGeo(key, answer) {
      releasedGeo.set(key, answer);
      const waiting = held.get(key);
      if (waiting) waiting.response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    },
    holdCollect: (tag) => void heldCollect.set(tag, []),
    releaseCollect,
    collected: (tag) =>
      requests
        .filter((r) => r.method === 'POST' && r.path === `/collect/${tag}`)
        .map((r) => {
          try {
            return JSON.parse(r.body);
          } catch {
            return r.body;
          }
        }),
    setStatus: (tag, status) => void statuses.set(tag, status),
    forget() {
      requests.length = 0;
      for (const waiting of held.values()) waiting.response.destroy();
      held.clear();
      releasedGeo.clear();
      failing.clear();
      statuses.clear();
      for (const tag of [...heldCollect.keys()]) releaseCollect(tag);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const waiting of held.values()) waiting.response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BlackboxPage {
  config?: unknown;
  /** where the config goes: window.ConsentRelayConfig (default), the JSON block, both, none */
  via?: 'window' | 'json' | 'both' | 'none';
  /** the JSON block's config when `via` is 'both' */
  json?: unknown;
  load?: 'async' | 'defer' | 'sync' | 'twice' | 'after-domcontentloaded' | 'none';
  /** the script's URL (default /dist/consent-relay.js) */
  src?: string;
  head?: string;
  body?: string;
}

/** The embedding of docs/SPEC.md §1, written out as a page. */
export function embedding(options: BlackboxPage = {}): string {
  const via = options.via || 'window';
  const src = options.src || '/dist/consent-relay.js';
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'];
  if ((via === 'json' || via === 'both') && options.config !== undefined)
    parts.push(
      `<script type="application/json" id="consent-relay-config">${text(via === 'both' ? options.json : options.config)}</script>`,
    );
  if ((via === 'window' || via === 'both') && options.config !== undefined)
    parts.push(`<script>window.ConsentRelayConfig = ${text(options.config)};</script>`);
  if (options.head) parts.push(options.head);
  const load = options.load || 'async';
  if (load === 'async') parts.push(`<script src="${src}" async></script>`);
  if (load === 'defer') parts.push(`<script src="${src}" defer></script>`);
  if (load === 'sync') parts.push(`<script src="${src}"></script>`);
  if (load === 'twice') parts.push(`<script src="${src}" async></script><script src="${src}" async></script>`);
  if (load === 'after-domcontentloaded')
    parts.push(
      `<script>document.addEventListener('DOMContentLoaded', () => setTimeout(() => {` +
        `const s = document.createElement('script'); s.src = ${JSON.stringify(src)}; document.head.appendChild(s);` +
        `window.__loadedAfter = document.readyState; }, 0));</script>`,
    );
  parts.push(`</head><body>${options.body || '<main><h1>Page</h1></main>'}</body></html>`);
  return parts.join('');
}

/**
 * The server of one spec file: started before its tests, each test starting from a clean record, closed after. The
 * object stands for the running server (it exists only once `beforeAll` has run).
 */
export function useBlackboxServer(): BlackboxServer {
  let current: BlackboxServer | undefined;
  test.beforeAll(async () => {
    current = await startBlackboxServer();
  });
  test.afterAll(async () => {
    await current?.close();
  });
  test.beforeEach(() => current!.forget());
  return new Proxy({} as BlackboxServer, { get: (_, key) => current![key as keyof BlackboxServer] });
}

/** `ConsentRelay.ready`'s state, once the drop-in has defined the API. */
export const readyState = (page: Page) =>
  page
    .waitForFunction(() => !!(window as any).ConsentRelay)
    .then(() => page.evaluate(() => (window as any).ConsentRelay.ready));

export const bannerAction = (page: Page, name: string) => page.locator(`[data-cr="banner"] [data-cr-action="${name}"]`);

export const hasConsent = (page: Page, id: string) =>
  page.evaluate((category) => (window as any).ConsentRelay.hasConsent(category), id);

/** The page's console errors and uncaught exceptions (`pageerror: …`) from now on. */
export function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push('pageerror: ' + error.message));
  return errors;
}
