import { expect, test, type Page } from '@playwright/test';
import { action, banner, consentCookie, geo, ready, storedConsent, testPage, watchHost } from './helpers';

/**
 * The first visit's banner is drawn in the script's own task when nothing needs a request (region configured or no
 * geo endpoint, English), so it is in the first frame after the script ran. A note in localStorage beside the
 * IndexedDB record keeps that from flashing a banner at a visitor whose decision survives only in IndexedDB.
 */
const DE = { region: 'DE' };
const NOTE = 'consent_relay:stored';
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

test('first visit, region known: the banner (with Reject all) exists when the next script on the page runs', async ({ page }) => {
  await page.goto(atOnce(DE));
  expect(await atOnceValue(page)).toBe(true);
  await ready(page);
  await expect(banner(page)).toBeVisible();
});

test('first visit with a geo endpoint: the banner waits for the answer (its regime decides the buttons)', async ({ page }) => {
  await page.goto(atOnce({ geoEndpoint: geo('EU') }));
  expect(await atOnceValue(page)).toBe(false);
  await ready(page);
  await expect(action(page, 'reject-all')).toBeVisible();
});

test('a decision stored in IndexedDB leaves a note (revision.expiry, no choices); reset() removes it', async ({ page }) => {
  const rec = await acceptOn(page, testPage({ config: DE }));
  expect(await page.evaluate((k) => localStorage.getItem(k), NOTE)).toBe(`${rec.rev}.${rec.exp}`);
  await page.evaluate(() => window.ConsentRelay!.reset());
  expect(await page.evaluate((k) => localStorage.getItem(k), NOTE)).toBeNull();
});

test('cookie cleared, note kept: no banner is ever inserted, the decision comes back from IndexedDB', async ({ page }) => {
  const rec = await acceptOn(page, testPage({ config: DE }));
  await page.context().clearCookies();
  await watchHost(page);
  await page.goto(atOnce(DE));
  expect(await atOnceValue(page)).toBe(false);
  const state = await ready(page);
  expect(state.decided).toBe(true);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => (window as any).__hostSeen)).toBe(false);
  expect((await consentCookie(page))?.id).toBe(rec.id);
});

test('cookie and note both lost, IndexedDB kept: the early banner goes away and the decision is restored', async ({ page }) => {
  const rec = await acceptOn(page, testPage({ config: DE }));
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto(atOnce(DE));
  // Nothing said there was a decision: the banner was drawn at once ...
  expect(await atOnceValue(page)).toBe(true);
  // ... and once IndexedDB answered, the stored decision holds and the banner is gone.
  const state = await ready(page);
  expect(state.decided).toBe(true);
  expect(state.categories.analytics).toBe(true);
  await expect(banner(page)).toHaveCount(0);
  expect((await consentCookie(page))?.id).toBe(rec.id);
  expect(await page.evaluate((k) => localStorage.getItem(k), NOTE)).toBe(`${rec.rev}.${rec.exp}`);
});

test('a note for an older policy revision does not hold the banner back', async ({ page }) => {
  await acceptOn(page, testPage({ config: DE }));
  await page.context().clearCookies();
  await page.goto(atOnce({ ...DE, policyRevision: 2 }));
  expect(await atOnceValue(page)).toBe(true);
  expect((await ready(page)).decided).toBe(false);
});

test('an unreadable note is "may hold": the banner waits for IndexedDB, then shows', async ({ page }) => {
  await page.goto(testPage({ config: DE }));
  await page.evaluate((k) => localStorage.setItem(k, 'garbage'), NOTE);
  await page.goto(atOnce(DE));
  expect(await atOnceValue(page)).toBe(false);
  expect((await ready(page)).decided).toBe(false);
  await expect(action(page, 'reject-all')).toBeVisible();
});

test('first visit with telemetry configured: the banner, getLog() and the panel store nothing on the device before a decision', async ({ page }) => {
  const config = { ...DE, telemetry: { endpoint: '/api/collector/reports?t=first-visit-nothing-stored', sendUsageFrom: 'browser' } };
  await page.goto(testPage({ config }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => window.ConsentRelay!.telemetry.getLog())).toEqual([]);
  await action(page, 'preferences').click();
  await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
  await page.waitForTimeout(300);
  const dbs = await page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)));
  expect(dbs).not.toContain('consent-relay');
  expect(await page.evaluate((k) => localStorage.getItem(k), NOTE)).toBeNull();
  expect(await consentCookie(page)).toBeNull();
});
