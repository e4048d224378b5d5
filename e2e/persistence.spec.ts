import { expect, test, type Page } from '@playwright/test';
import {
  action,
  banner,
  consentCookie,
  consoleErrors,
  geo,
  ready,
  record,
  setConsentCookie,
  storedConsent,
  testPage,
  watchHost,
} from './helpers';

test.use({ timezoneId: 'UTC' });

const EU = testPage({ config: { geoEndpoint: geo('EU') } });
const has = (page: Page, id: string) => page.evaluate((c) => window.ConsentRelay!.hasConsent(c), id);

interface Stored {
  record: { id: string; c: Record<string, boolean>; rev: number };
  history: Array<{ id: string }>;
}

/** Accept all on a fresh EU page; returns the record written. */
async function acceptOnce(page: Page, url = EU) {
  await page.goto(url);
  await ready(page);
  await action(page, 'accept-all').click();
  await expect(banner(page)).toBeHidden();
  await expect.poll(() => consentCookie(page)).not.toBeNull();
  const cookie = await consentCookie(page);
  // the cookie is written first, IndexedDB a moment later: both must hold it before a test removes one
  await expect.poll(async () => ((await storedConsent(page)) as Stored | undefined)?.record?.id).toBe(cookie.id);
  return cookie;
}

/** After ready, the UI host was never added, so no banner was ever painted. */
async function expectNoBannerPainted(page: Page) {
  await ready(page);
  // one more frame for a render that might follow ready
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(banner(page)).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__hostSeen)).toBe(false);
}

test('accept writes the cookie and the IndexedDB record; a reload never paints the banner', async ({ page }) => {
  const cookie = await acceptOnce(page);
  expect(cookie).toMatchObject({
    v: 1,
    rev: 1,
    c: { necessary: true, analytics: true, telemetry: true },
    rgm: 'opt-in',
    reg: 'DE-BY',
    by: 'banner',
  });
  expect(cookie.exp - cookie.at).toBe(180 * 86_400_000);
  const attrs = (await page.context().cookies()).find((c) => c.name === 'consent_relay')!;
  // first-party, readable by the script, Lax, whole site; Secure only on https (this server is http)
  expect(attrs).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false, secure: false, domain: '127.0.0.1' });
  const stored = (await storedConsent(page)) as Stored;
  expect(stored.record).toEqual(cookie);
  expect(stored.history).toEqual([]);

  await watchHost(page);
  await page.reload();
  await expectNoBannerPainted(page);
  expect(await has(page, 'analytics')).toBe(true);
  expect(await page.evaluate(() => window.ConsentRelay!.getConsent())).toMatchObject({
    decided: true,
    source: 'banner',
    regime: 'opt-in',
  });
});

test('a second decision keeps the first in the IndexedDB history', async ({ page }) => {
  const first = await acceptOnce(page);
  await page.evaluate(() => window.ConsentRelay!.rejectAll());
  const stored = (await storedConsent(page)) as Stored;
  expect(stored.record.c.analytics).toBe(false);
  expect(stored.history.map((r) => r.id)).toEqual([first.id]);
});

test('load sync: hasConsent answers from the cookie on the first line of the page, before ready', async ({ page }) => {
  await acceptOnce(page);
  const body = `<script>window.__early = { has: window.ConsentRelay.hasConsent('analytics'), decided: window.ConsentRelay.getConsent().decided };</script>`;
  await page.goto(testPage({ config: { geoEndpoint: geo('EU') }, load: 'sync', body }));
  await ready(page);
  expect(await page.evaluate(() => (window as any).__early)).toEqual({ has: true, decided: true });
});

test('load sync without a decision: hasConsent is false on the first line', async ({ page }) => {
  const body = `<script>window.__early = window.ConsentRelay.hasConsent('analytics');</script>`;
  await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, load: 'sync', body }));
  // the first-line answer is the strict one (the region is not known yet), ready then applies the regime
  expect(await page.evaluate(() => (window as any).__early)).toBe(false);
  expect((await ready(page)).categories.analytics).toBe(true);
});

test('opt-out region known at once, a refusal only in IndexedDB (cookie lost): restored at ready, gated scripts never ran (so the first line is strict until storage is read)', async ({
  page,
}) => {
  const gated =
    '<script type="text/plain" data-consent-category="analytics">window.__ran = (window.__ran || 0) + 1</script>';
  await page.goto(testPage({ config: { region: 'US-CA' }, body: gated }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.rejectAll());
  await page.context().clearCookies();
  await page.goto(testPage({ config: { region: 'US-CA' }, body: gated }));
  const s = await ready(page);
  expect(s).toMatchObject({ decided: true, categories: { analytics: false } });
  expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined();
});

test('cookie cleared: restored from IndexedDB, no banner, cookie rewritten', async ({ page }) => {
  const cookie = await acceptOnce(page);
  await page.context().clearCookies();
  await watchHost(page);
  await page.reload();
  await expectNoBannerPainted(page);
  expect(await has(page, 'analytics')).toBe(true);
  const again = await consentCookie(page);
  expect(again).toEqual(cookie);
});

test('IndexedDB deleted: restored from the cookie', async ({ page }) => {
  const cookie = await acceptOnce(page);
  const deleted = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const r = indexedDB.deleteDatabase('consent-relay');
        r.onsuccess = () => resolve('deleted');
        r.onerror = () => resolve('error');
        r.onblocked = () => resolve('blocked');
      }),
  );
  expect(deleted).toBe('deleted');
  expect(await storedConsent(page)).toBeUndefined();
  await watchHost(page);
  await page.reload();
  await expectNoBannerPainted(page);
  expect(await has(page, 'analytics')).toBe(true);
  await expect.poll(async () => ((await storedConsent(page)) as Stored | undefined)?.record?.id).toBe(cookie.id);
});

const bad: Array<[string, (base: Record<string, unknown>) => unknown]> = [
  ['garbage', () => '%7Bgarbage'],
  ['foreign JSON', () => ({ consent: 'yes', analytics: true })],
  ['oversized', (r) => ({ ...r, pad: 'x'.repeat(3000) })],
  ['future schema v:2', (r) => ({ ...r, v: 2 })],
];
for (const [name, make] of bad) {
  test(`${name} cookie: no decision, banner, an error naming the cookie, no page error`, async ({ page, baseURL }) => {
    const errors = consoleErrors(page);
    await setConsentCookie(page, baseURL!, make(record()));
    await page.goto(EU);
    const s = await ready(page);
    expect(s.decided).toBe(false);
    expect(await has(page, 'analytics')).toBe(false);
    await expect(banner(page)).toBeVisible();
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    expect(errors.some((e) => e.includes('consent cookie') && e.includes('consent_relay'))).toBe(true);
    // and a decision still works, replacing the bad cookie
    await action(page, 'reject-all').click();
    await expect.poll(async () => (await consentCookie(page))?.c?.analytics).toBe(false);
  });
}

test('a damaged or future-versioned IndexedDB record with no cookie: no decision, reported, no page error', async ({
  page,
}) => {
  const errors = consoleErrors(page);
  await acceptOnce(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('consent-relay');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readwrite');
          tx.objectStore('kv').put(
            { record: { v: 2, id: 'x'.repeat(20), c: { analytics: true } }, history: 'junk' },
            'consent',
          );
          tx.oncomplete = () => (db.close(), resolve());
        };
      }),
  );
  await page.context().clearCookies();
  await page.reload();
  expect((await ready(page)).decided).toBe(false);
  await expect(banner(page)).toBeVisible();
  expect(await has(page, 'analytics')).toBe(false);
  expect(errors.some((e) => e.includes('IndexedDB'))).toBe(true);
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  // a new decision replaces it
  await action(page, 'accept-all').click();
  await expect.poll(async () => ((await storedConsent(page)) as Stored).record?.c?.analytics).toBe(true);
});

test('policyRevision bump asks again', async ({ page }) => {
  await acceptOnce(page);
  await page.goto(testPage({ config: { geoEndpoint: geo('EU'), policyRevision: 2 } }));
  expect((await ready(page)).decided).toBe(false);
  await expect(banner(page)).toBeVisible();
  expect(await has(page, 'analytics')).toBe(false);
});

test('an expired record asks again', async ({ page, baseURL }) => {
  const at = Date.now() - 200 * 86_400_000;
  await setConsentCookie(page, baseURL!, record({ at, exp: at + 180 * 86_400_000 }));
  await page.goto(EU);
  expect((await ready(page)).decided).toBe(false);
  await expect(banner(page)).toBeVisible();
  expect(await has(page, 'analytics')).toBe(false);
});

test('a valid record written by another page load is honoured (control for the cases above)', async ({
  page,
  baseURL,
}) => {
  const rec = record();
  await setConsentCookie(page, baseURL!, rec);
  await page.goto(EU);
  expect(await ready(page)).toMatchObject({ decided: true, categories: { analytics: true } });
  await expect(banner(page)).toHaveCount(0);
});

test('consentMaxAgeDays shortens the lifetime of a stored decision', async ({ page, baseURL }) => {
  await setConsentCookie(page, baseURL!, record({ at: Date.now() - 10 * 86_400_000 }));
  await page.goto(testPage({ config: { geoEndpoint: geo('EU'), consentMaxAgeDays: 7 } }));
  expect((await ready(page)).decided).toBe(false);
  await expect(banner(page)).toBeVisible();
});

test('reset() forgets the decision: banner again, cookie and IndexedDB record gone', async ({ page }) => {
  await acceptOnce(page);
  await page.evaluate(() => window.ConsentRelay!.reset());
  await expect(banner(page)).toBeVisible();
  expect(await consentCookie(page)).toBeNull();
  expect(((await storedConsent(page)) as Stored | undefined)?.record ?? null).toBeNull();
  expect(await has(page, 'analytics')).toBe(false);
  await page.reload();
  expect((await ready(page)).decided).toBe(false);
  await expect(banner(page)).toBeVisible();
});

test('a database left without our store (opened by someone else) is repaired and restored from the cookie', async ({
  page,
}) => {
  const cookie = await acceptOnce(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const del = indexedDB.deleteDatabase('consent-relay');
        del.onsuccess = () => {
          const open = indexedDB.open('consent-relay');
          open.onsuccess = () => (open.result.close(), resolve());
        };
      }),
  );
  await page.reload();
  expect((await ready(page)).decided).toBe(true);
  await expect.poll(async () => ((await storedConsent(page)) as Stored | undefined)?.record?.id).toBe(cookie.id);
});
