import { expect, type APIRequestContext, type Page } from '@playwright/test';

export interface PageOptions {
  /** the config, as an object (serialised to JSON) or as raw text (for broken-config tests) */
  config?: unknown;
  /** where the config goes: the JSON block (default), window.ConsentRelayConfig, both, or none */
  via?: 'json' | 'window' | 'both' | 'none';
  /** a JSON block to use when `via` is 'both' (the window config is `config`) */
  json?: unknown;
  load?: 'sync' | 'async' | 'defer' | 'twice' | 'none';
  head?: string;
  body?: string;
  csp?: boolean;
  lang?: string;
}

/** A URL of the demo server's test page built from these options (see demo/endpoints.ts). */
export function testPage(o: PageOptions = {}): string {
  const q = new URLSearchParams();
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (o.config !== undefined) q.set('config', text(o.config));
  if (o.json !== undefined) q.set('json', text(o.json));
  q.set('via', o.via || 'json');
  q.set('load', o.load || 'async');
  if (o.head) q.set('head', o.head);
  if (o.body) q.set('body', o.body);
  if (o.csp) q.set('csp', '1');
  if (o.lang) q.set('lang', o.lang);
  return '/__test/page?' + q.toString();
}

/** A geo endpoint URL of the demo server answering as `as` (EU, US-CA, US-TX, CA-QC, AU, unknown, slow, fail or a code). */
export const geo = (as: string) => `/api/geo?as=${encodeURIComponent(as)}`;

export const banner = (page: Page) => page.locator('[data-cr="banner"]');
export const prefs = (page: Page) => page.locator('[data-cr="preferences"]');
export const action = (page: Page, name: string, scope = '[data-cr="banner"]') =>
  page.locator(`${scope} [data-cr-action="${name}"]`);

export async function ready(page: Page) {
  await page.waitForFunction(() => !!window.ConsentRelay);
  return page.evaluate(() => window.ConsentRelay!.ready);
}

export async function consentCookie(page: Page, name = 'consent_relay') {
  const c = (await page.context().cookies()).find((c) => c.name === name);
  return c ? JSON.parse(decodeURIComponent(c.value)) : null;
}

/** The full record and history as stored in IndexedDB by the page. */
export function storedConsent(page: Page) {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const req = indexedDB.open('consent-relay');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) return resolve(undefined), db.close();
          const get = db.transaction('kv').objectStore('kv').get('consent');
          get.onsuccess = () => {
            resolve(get.result);
            db.close();
          };
        };
        req.onerror = () => resolve(undefined);
      }),
  );
}

/** Collect console errors of a page (the bad-input tests read them). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  return errors;
}

/** What the demo collector received under a tag. */
export async function received(request: APIRequestContext, tag: string, kind?: 'receipt' | 'report') {
  const res = await request.get(`/api/collector?t=${encodeURIComponent(tag)}${kind ? '&kind=' + kind : ''}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as Array<{ kind: string; body: any; headers: Record<string, string> }>;
}

declare global {
  interface Window {
    ConsentRelay?: import('../src/create').ConsentRelay;
  }
}
