import { expect, test, type Page } from '@playwright/test';
import {
  action,
  banner,
  consentCookie,
  consentCookieRaw,
  geo,
  ready,
  record,
  setConsentCookie,
  storedConsent,
  testPage,
} from './helpers';

/**
 * The first visit's banner is drawn in the script's own task when nothing needs a request (region configured or no
 * geo endpoint, English), so it is in the first frame after the script ran. A decision that survives only in
 * IndexedDB is restored when the read answers; the cookie is rewritten on visits so that case stays rare.
 */
const DE = { region: 'DE' };
// A synchronous tag at the end of <body>, then the page's next script: what exists when that script runs.
const atOnce = (config: unknown) =>
  testPage({
    config,
    load: 'none',
    body: `<script src="/consent-relay.js"></script><script>window.__atOnce = !!document.getElementById('consent-relay')?.shadowRoot?.querySelector('[data-cr="banner"] [data-cr-action="reject-all"]');</script>`,
  });
const atOnceValue = (page: Page) => page.evaluate(() => (window as any).__atOnce as boolean);

async function acceptOn(page: Page, url: string) {
  await page.goto(url);
  await ready(page);
  await action(page, 'accept-all').click();
  await expect.poll(async () => ((await storedConsent(page)) as any)?.record?.id).toBe((await consentCookie(page))?.id);
  return consentCookie(page);
}

test('first visit, region known: the banner (with Reject all) exists when the next script on the page runs', async ({
  page,
}) => {
  await page.goto(atOnce(DE));
  expect(await atOnceValue(page)).toBe(true);
  await ready(page);
  await expect(banner(page)).toBeVisible();
});

test('first visit with a geo endpoint: the banner waits for the answer (its regime decides the buttons)', async ({
  page,
}) => {
  await page.goto(atOnce({ geoEndpoint: geo('EU') }));
  expect(await atOnceValue(page)).toBe(false);
  await ready(page);
  await expect(action(page, 'reject-all')).toBeVisible();
});

test('cookie cleared, IndexedDB kept: the banner drawn at once goes away and the decision is restored', async ({
  page,
}) => {
  const rec = await acceptOn(page, testPage({ config: DE }));
  await page.context().clearCookies();
  await page.goto(atOnce(DE));
  // Nothing synchronous says there was a decision: the banner was drawn at once ...
  expect(await atOnceValue(page)).toBe(true);
  // ... and once IndexedDB answered, the stored decision holds, the banner is gone and the cookie is back.
  const state = await ready(page);
  expect(state.decided).toBe(true);
  expect(state.categories.analytics).toBe(true);
  await expect(banner(page)).toHaveCount(0);
  expect((await consentCookie(page))?.id).toBe(rec.id);
});

test("a returning visitor's cookie is written again once it is a day old (same decision, new write time), not before", async ({
  page,
  baseURL,
}) => {
  const day = 86_400_000;
  const at = Date.now() - 3 * day;
  const old = record({ at, exp: at + 180 * day, reg: 'DE', rs: 'config' });
  await setConsentCookie(page, baseURL!, { ...old, w: at });
  await page.goto(testPage({ config: DE }));
  await ready(page);
  await expect.poll(async () => (await consentCookieRaw(page))?.w).toBeGreaterThan(Date.now() - 60_000);
  const fresh = await consentCookieRaw(page);
  expect({ ...fresh, w: undefined }).toEqual({ ...old, w: undefined });
  // Written a moment ago: the next visit leaves it alone.
  await page.reload();
  await ready(page);
  await page.waitForTimeout(200);
  expect((await consentCookieRaw(page))?.w).toBe(fresh.w);
});

test("a cookie whose lifetime is shorter than the decision's: restored from IndexedDB with the configured lifetime", async ({
  page,
}) => {
  const config = { ...DE, cookie: { maxAgeDays: 1 } };
  const rec = await acceptOn(page, testPage({ config }));
  const c = (await page.context().cookies()).find((x) => x.name === 'consent_relay')!;
  // One day from now (Playwright reports seconds), not the 180 days of the decision.
  expect(c.expires * 1000 - Date.now()).toBeLessThan(86_400_000 + 60_000);
  expect(rec.exp - Date.now()).toBeGreaterThan(170 * 86_400_000);
  // The cookie lost, the decision restored from IndexedDB: the rewritten cookie has the configured lifetime too.
  await page.context().clearCookies();
  await page.reload();
  await ready(page);
  await expect.poll(async () => (await page.context().cookies()).some((x) => x.name === 'consent_relay')).toBe(true);
  const restored = (await page.context().cookies()).find((x) => x.name === 'consent_relay')!;
  expect(restored.expires * 1000 - Date.now()).toBeLessThan(86_400_000 + 60_000);
  expect(restored.expires * 1000 - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
});

test('first visit with telemetry configured: the banner, getLog() and the panel store nothing on the device before a decision', async ({
  page,
}) => {
  const config = {
    ...DE,
    telemetry: { endpoint: '/api/collector/reports?t=first-visit-nothing-stored', sendUsageFrom: 'browser' },
  };
  await page.goto(testPage({ config }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => window.ConsentRelay!.telemetry.getLog())).toEqual([]);
  await action(page, 'preferences').click();
  await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
  await page.waitForTimeout(300);
  const dbs = await page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)));
  expect(dbs).not.toContain('consent-relay');
  expect(await consentCookie(page)).toBeNull();
});

test('drawn at once in an opt-out region with GPC: the signal notice and the opt-out choice are there from the first frame', async ({
  page,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
  );
  const probe = `<script src="/consent-relay.js"></script><script>(() => { const r = document.getElementById('consent-relay')?.shadowRoot; window.__first = { notice: !!r?.querySelector('[data-cr="signal-notice"]'), optOut: !!r?.querySelector('[data-cr-action="opt-out"]'), analytics: window.ConsentRelay.hasConsent('analytics') }; })()</script>`;
  await page.goto(testPage({ config: { region: 'US-CA' }, load: 'none', body: probe }));
  expect(await page.evaluate(() => (window as any).__first)).toEqual({ notice: true, optOut: true, analytics: false });
  expect(await ready(page)).toMatchObject({ regime: 'opt-out', source: 'signal', decided: false });
  expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(false);
});

test('the banner drawn at once is not drawn again at ready: the same element, and the focus in it stays', async ({
  page,
}) => {
  const probe = `<script src="/consent-relay.js"></script><script>(() => { const b = document.getElementById('consent-relay')?.shadowRoot?.querySelector('[data-cr="banner"]'); window.__first = b; b?.querySelector('[data-cr-action="accept-all"]')?.focus(); })()</script>`;
  await page.goto(testPage({ config: DE, load: 'none', body: probe }));
  expect(await page.evaluate(() => !!(window as any).__first)).toBe(true);
  await ready(page);
  expect(
    await page.evaluate(() => {
      const root = document.getElementById('consent-relay')!.shadowRoot!;
      const first = (window as any).__first as Element;
      return {
        same: first.isConnected && first === root.querySelector('[data-cr="banner"]'),
        focused: root.activeElement?.getAttribute('data-cr-action') ?? null,
      };
    }),
  ).toEqual({ same: true, focused: 'accept-all' });
});
