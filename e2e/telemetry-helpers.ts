import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ready, received, testPage, type PageOptions } from './helpers';

/** A tag or namespace no other test (or earlier run against the same server) uses. */
export const uid = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const COLLECTOR = '/api/collector/reports';
export const statusUrl = (ns: string) => `/api/server/status?ns=${encodeURIComponent(ns)}`;

/** `config.telemetry` with short times: the first report may go at once, then one a minute. */
export function tm(tag: string, over: Record<string, unknown> = {}, fail?: string) {
  return {
    endpoint: `${COLLECTOR}?t=${encodeURIComponent(tag)}${fail ? '&fail=' + fail : ''}`,
    initialDelayMs: 0,
    intervalMs: 60_000,
    ...over,
  };
}

/** Open a test page with this consent-relay config and wait for `ready`. */
export async function open(page: Page, config: Record<string, unknown>, o: PageOptions = {}, suffix = '') {
  await page.goto(testPage({ config, ...o }) + suffix);
  await ready(page);
}

/** Every request the page makes to the collector (successful or not), as it happens. */
export function collectorRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(COLLECTOR)) urls.push(r.url());
  });
  return urls;
}

export const reports = (request: APIRequestContext, tag: string) => received(request, tag, 'report');

export const flush = (page: Page) => page.evaluate(() => window.ConsentRelay!.telemetry.flush());
export const getLog = (page: Page) => page.evaluate(() => window.ConsentRelay!.telemetry.getLog());
export const statuses = async (page: Page) => (await getLog(page)).map((e) => e.status);

/** Our telemetry keys as stored in IndexedDB (`tm:state`, `tm:outbox`, `tm:log`); `absent` when the key is not there. */
export function stored(page: Page, key: string) {
  return page.evaluate(
    (key) =>
      new Promise<unknown>((resolve) => {
        const req = indexedDB.open('consent-relay');
        req.onupgradeneeded = () => req.transaction!.abort();
        req.onerror = () => resolve('absent');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) return (resolve('absent'), db.close());
          const store = db.transaction('kv').objectStore('kv');
          const has = store.getKey(key);
          has.onsuccess = () => {
            if (has.result === undefined) return (resolve('absent'), db.close());
            const get = store.get(key);
            get.onsuccess = () => {
              resolve(get.result);
              db.close();
            };
          };
        };
      }),
    key,
  );
}

/** The demo's server half (demo/server-half.ts), one instance per namespace. */
export async function firewall(request: APIRequestContext, ns: string, mode: 'reachable' | 'blocked' | '500' | 'slow') {
  const r = await request.post(`/api/server/firewall?ns=${encodeURIComponent(ns)}&mode=${mode}`);
  expect(r.ok()).toBe(true);
}
export async function serverReport(request: APIRequestContext, ns: string) {
  const r = await request.post(`/api/server/report?ns=${encodeURIComponent(ns)}`);
  expect(r.ok()).toBe(true);
  return (await r.json()) as { ok: boolean; status?: number; error?: string };
}
export async function serverStatus(request: APIRequestContext, ns: string) {
  const r = await request.get(statusUrl(ns));
  expect(r.ok()).toBe(true);
  return (await r.json()) as { ok: boolean; lastReportedAt: string | null; lastAttemptAt: string | null; payload: any };
}

/** Console messages of one type, as they come. */
export function consoleOf(page: Page, type: 'info' | 'error'): string[] {
  const out: string[] = [];
  page.on('console', (m) => m.type() === type && out.push(m.text()));
  return out;
}

/** Let timers and in-flight requests run; for "nothing more happens" checks only, never to wait for something. */
export const settle = (page: Page, ms = 1500) => page.waitForTimeout(ms);
