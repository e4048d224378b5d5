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
  /** HTML after the script tag, still in <head> */
  after?: string;
  body?: string;
  csp?: boolean;
  lang?: string;
}

/**
 * The test sets the timing, not the machine: a geo answer the test expects to arrive gets 20 s (on a loaded 2-core
 * machine the demo's answer took longer than the default 1.5 s). Tests of a slow answer set their own geoTimeoutMs.
 */
function withGeoTime(config: unknown): unknown {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return config;
  const c = config as Record<string, unknown>;
  return typeof c.geoEndpoint === 'string' && c.geoTimeoutMs === undefined ? { ...c, geoTimeoutMs: 20_000 } : c;
}

/** A URL of the demo server's test page built from these options (see demo/endpoints.ts). */
export function testPage(o: PageOptions = {}): string {
  const q = new URLSearchParams();
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (o.config !== undefined) q.set('config', text(withGeoTime(o.config)));
  if (o.json !== undefined) q.set('json', text(o.json));
  q.set('via', o.via || 'json');
  q.set('load', o.load || 'async');
  if (o.head) q.set('head', o.head);
  if (o.after) q.set('after', o.after);
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

/** The consent cookie's JSON as written (the record plus `w`, when the cookie was last written). */
export async function consentCookieRaw(page: Page, name = 'consent_relay') {
  const c = (await page.context().cookies()).find((c) => c.name === name);
  return c ? JSON.parse(decodeURIComponent(c.value)) : null;
}

/** The consent record the cookie holds (without its write time, which IndexedDB's copy does not have). */
export async function consentCookie(page: Page, name = 'consent_relay') {
  const c = await consentCookieRaw(page, name);
  if (c) delete c.w;
  return c;
}

/** The full record and history as stored in IndexedDB by the page. */
export function storedConsent(page: Page) {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const req = indexedDB.open('consent-relay');
        // Reading must not create the database (an empty one without our store) where there is none.
        req.onupgradeneeded = () => req.transaction!.abort();
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) return (resolve(undefined), db.close());
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

/** Make the browser send Global Privacy Control (`true`, or a string as early implementations do). */
export function sendGpc(page: Page, value: unknown = true) {
  return page.addInitScript(
    (v) => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => v }),
    value,
  );
}

/** Make the browser send Do Not Track. */
export function sendDnt(page: Page) {
  return page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
}

/** Records in window.__hostSeen whether our UI host element was ever added to the page (a banner paint needs it). */
export function watchHost(page: Page) {
  return page.addInitScript(() => {
    (window as any).__hostSeen = false;
    new MutationObserver(() => {
      if (document.getElementById('consent-relay')) (window as any).__hostSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

/** A consent record as the script writes it (storage schema 1); override any field. */
export function record(over: Record<string, unknown> = {}) {
  const at = Date.now() - 60_000;
  return {
    v: 1,
    id: 'rec_' + Math.random().toString(36).slice(2, 12),
    rev: 1,
    at,
    exp: at + 180 * 86_400_000,
    c: { necessary: true, analytics: true, telemetry: true },
    by: 'banner',
    reg: 'DE-BY',
    rgm: 'opt-in',
    rs: 'geo',
    ...over,
  };
}

/** Put a raw value in the consent cookie of the test server's origin (encoded as js-cookie would). */
export async function setConsentCookie(page: Page, baseURL: string, value: unknown, name = 'consent_relay') {
  const raw = typeof value === 'string' ? value : encodeURIComponent(JSON.stringify(value));
  await page.context().addCookies([{ name, value: raw, url: baseURL + '/' }]);
}

/** Computed style properties of an element inside our shadow roots. */
export function styleOf(page: Page, selector: string, props: string[]) {
  return page
    .locator(selector)
    .first()
    .evaluate((el, ps) => {
      const cs = getComputedStyle(el);
      const out: Record<string, string> = {};
      for (const p of ps) out[p] = cs.getPropertyValue(p);
      return out;
    }, props);
}

/** The element focused inside our shadow roots (document.activeElement stops at the shadow host). */
export function focused(page: Page) {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    return {
      tag: a.tagName.toLowerCase(),
      action: a.getAttribute('data-cr-action'),
      category: a.getAttribute('data-cr-category'),
      id: a.id,
      inDialog: !!a.closest('dialog[data-cr="preferences"]'),
    };
  });
}

declare global {
  interface Window {
    ConsentRelay?: import('../src/create').ConsentRelay;
  }
}
