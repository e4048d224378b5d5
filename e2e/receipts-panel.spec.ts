import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { toNodeListener } from '../server/adapters/node';
import { createReceiptHandler } from '../server/receipts';
import { type ConsentStore, createConsentStore } from '../server/store/create-store';

/**
 * docs/SPEC.md §7 "Consent records": the panel shows the decision's record and lets the visitor download their own
 * receipts, with the key only their device holds. The real receipts handler on a real store (PGlite in a temp
 * directory) behind a real HTTP server on 127.0.0.1, which also serves the built drop-in (same origin, as a site
 * would mount it).
 */
test.describe.configure({ mode: 'serial' });
// A new PGlite directory takes seconds to create on a loaded machine.
test.setTimeout(120_000);

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json' };
let server: Server;
let store: ConsentStore;
let dir = '';
let base = '';
/** what the receipts handler logged (the store lost) */
const serverErrors: string[] = [];

const page = (config: object, inline: boolean) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>records</title>
<script type="application/json" id="consent-relay-config">${JSON.stringify(config)}</script>
<script src="/dist/consent-relay.js" async></script></head><body><main>shop</main>${inline ? '<div data-consent-relay-preferences></div>' : ''}</body></html>`;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consent-relay-e2e-'));
  store = await createConsentStore({ dir, log: { error() {} } });
  const receipts = toNodeListener(
    createReceiptHandler({ store, cookie: { name: 'consent_relay' }, log: { error: (m) => serverErrors.push(m) } }),
  );
  server = createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    if (url.pathname === '/receipts') return receipts(req, res);
    if (url.pathname.startsWith('/dist/')) {
      const file = normalize(join(DIST, url.pathname.slice('/dist/'.length)));
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
        return res.end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(JSON.parse(url.searchParams.get('config') || '{}'), url.searchParams.has('inline')));
    }
    // no favicon: a 404 in the console would hide the errors the tests look for
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await store?.close().catch(() => {});
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const config = (language = 'en') => ({ region: 'DE', language, receiptEndpoint: '/receipts' });

/** A visitor decides on the banner; resolves with the receipt the server stored (its id, visitor and key). */
async function decide(p: Page, language: string, button: 'accept-all' | 'reject-all') {
  await p.goto(`${base}/?config=${encodeURIComponent(JSON.stringify(config(language)))}`);
  await p.waitForFunction(() => !!window.ConsentRelay);
  await p.evaluate(() => window.ConsentRelay!.ready);
  const answer = p.waitForResponse((r) => r.url().endsWith('/receipts') && r.request().method() === 'POST', {
    timeout: 90_000,
  });
  await p.locator(`[data-cr="banner"] [data-cr-action="${button}"]`).click();
  const res = await answer;
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; visitor: string; key: string };
}

async function openPanel(p: Page) {
  await p.evaluate(() => window.ConsentRelay!.showPreferences());
  const part = p.locator('[data-cr="preferences"] [data-cr="record"]');
  await expect(part).toBeVisible();
  await part.locator('summary').click();
  return part;
}

/**
 * Clicks the download button; resolves with the saved file's receipts. Firefox ESR driven over WebDriver BiDi does
 * not report downloads of blob: URLs to Playwright (a data: link's download is reported, a blob: one is not): there
 * the receipts are read from the answer to the panel's request, the saving itself checked in Chromium only.
 */
async function download(p: Page, part: ReturnType<Page['locator']>, key: string, browserName: string) {
  const answer = p.waitForResponse((r) => r.url().includes('/receipts?id=') && r.request().method() === 'GET');
  const saved = String(browserName) === '_bidiFirefox' ? null : p.waitForEvent('download');
  await part.locator('[data-cr-action="download-receipts"]').click();
  const res = await answer;
  // the key goes as a bearer token, never in the URL (URLs end up in logs)
  expect(res.request().headers().authorization).toBe(`Bearer ${key}`);
  expect(res.url()).not.toContain(key);
  expect(res.status()).toBe(200);
  if (!saved) {
    console.warn('receipts-panel: Firefox over BiDi reports no blob: downloads; the answer is checked instead');
    return (await res.json()) as Array<{ id: string; visitor: string }>;
  }
  const file = await saved;
  expect(file.suggestedFilename()).toBe('consent-receipts.json');
  return JSON.parse(readFileSync((await file.path())!, 'utf8')) as Array<{ id: string; visitor: string }>;
}

async function visitor(browser: Browser, language: string, button: 'accept-all' | 'reject-all') {
  const context = await browser.newContext({ acceptDownloads: true });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const stored = await decide(p, language, button);
  return { context, p, stored, errors };
}

test('the panel shows the record id and date; the download holds this visitor’s receipts and no one else’s', async ({
  browser,
  browserName,
}) => {
  const a = await visitor(browser, 'de', 'accept-all');
  const b = await visitor(browser, 'en', 'reject-all');
  // a changes their mind: two receipts for a, one for b
  await a.p.evaluate(() => window.ConsentRelay!.showPreferences());
  const second = a.p.waitForResponse((r) => r.url().endsWith('/receipts') && r.request().method() === 'POST');
  await a.p.locator('[data-cr="preferences"] [data-cr-action="reject-all"]').click();
  const latest = await (await second).json();
  expect(latest.visitor).toBe(a.stored.visitor);

  const part = await openPanel(a.p);
  const at = await a.p.evaluate(() => {
    const raw = document.cookie.split('; ').find((c) => c.startsWith('consent_relay='))!;
    return JSON.parse(decodeURIComponent(raw.slice('consent_relay='.length))).at as number;
  });
  const date = await a.p.evaluate(
    (t) => new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(t),
    at,
  );
  // the German pack's line, the decision in force (the second receipt), its date in German
  await expect(part.locator('summary')).toHaveText(`Ihr Einwilligungsnachweis: ${latest.id}, ${date}`);

  const list = await download(a.p, part, a.stored.key, browserName);
  expect(list.map((r) => r.id)).toEqual([a.stored.id, latest.id]);
  expect(list.every((r) => r.visitor === a.stored.visitor)).toBe(true);
  expect(JSON.stringify(list)).not.toContain(b.stored.id);

  // the key is nowhere in the page
  const html = await a.p.evaluate(
    () => document.documentElement.outerHTML + document.getElementById('consent-relay')!.shadowRoot!.innerHTML,
  );
  expect(html).not.toContain(a.stored.key);

  // the other visitor gets theirs only
  const partB = await openPanel(b.p);
  const listB = await download(b.p, partB, b.stored.key, browserName);
  expect(listB.map((r) => r.id)).toEqual([b.stored.id]);
  expect(a.errors.concat(b.errors)).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test('a returning visitor on a Cookie Preferences page (inline panel) can download theirs', async ({ browser }) => {
  const a = await visitor(browser, 'en', 'accept-all');
  await a.p.goto(`${base}/?inline&config=${encodeURIComponent(JSON.stringify(config('en')))}`);
  const part = a.p.locator('[data-consent-relay-preferences] [data-cr="record"]');
  await expect(part).toBeVisible();
  await expect(part.locator('summary')).toContainText(a.stored.id);
  await part.locator('summary').click();
  await expect(part.locator('[data-cr-action="download-receipts"]')).toBeVisible();
  await a.context.close();
});

test('without a key on this device there is no download button, the record still shows', async ({ browser }) => {
  const context = await browser.newContext();
  const p = await context.newPage();
  // no receiptEndpoint: no receipts, no key
  await p.goto(`${base}/?config=${encodeURIComponent(JSON.stringify({ region: 'DE' }))}`);
  await p.waitForFunction(() => !!window.ConsentRelay);
  await p.evaluate(() => window.ConsentRelay!.acceptAll());
  const part = await openPanel(p);
  await expect(part.locator('summary')).toContainText('Your consent record: ');
  await expect(part.locator('button')).toHaveCount(0);
  await context.close();
});

test('the store lost: the download is a 503, a message in the panel and a console.error naming the URL', async ({
  browser,
}) => {
  const a = await visitor(browser, 'en', 'accept-all');
  const before = await a.p.evaluate(() => document.cookie);
  // the real handler, its database gone: 503 with Retry-After
  await store.close();
  const part = await openPanel(a.p);
  const answer = a.p.waitForResponse((r) => r.url().includes('/receipts?id='));
  await part.locator('[data-cr-action="download-receipts"]').click();
  const res = await answer;
  expect(res.status()).toBe(503);
  expect(res.headers()['retry-after']).toBe('30');
  expect(serverErrors.join('\n')).toContain(`the PGlite store in ${dir} failed`);
  await expect(part.locator('[role="alert"]')).toHaveText(
    'Your receipts could not be downloaded. Please try again later.',
  );
  await expect.poll(() => a.errors.find((e) => e.includes(`/receipts?id=${a.stored.visitor}`))).toMatch(/503/);
  // nothing stored touched: same cookie, still decided, the download can be tried again
  expect(await a.p.evaluate(() => document.cookie)).toBe(before);
  expect(await a.p.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(true);
  await expect(part.locator('[data-cr-action="download-receipts"]')).toBeVisible();
  await a.context.close();
});
