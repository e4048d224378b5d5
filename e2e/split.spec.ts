import { expect, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { action, banner, consoleErrors, prefs, ready, testPage } from './helpers';
import { reports, tm, uid } from './telemetry-helpers';

/** Every script, JSON and fetch the page asks for after the HTML, by path. */
function requests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() !== 'document') paths.push(new URL(r.url()).pathname);
  });
  return paths;
}
const PANEL = '/consent-relay.panel.js';
const REPORTER = '/consent-relay.reporter.js';

test('a first visit shows the banner with no request but the drop-in', async ({ page }) => {
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE' } }));
  await expect(banner(page)).toBeVisible();
  await ready(page);
  await page.waitForTimeout(300);
  expect(paths).toEqual(['/consent-relay.js']);
});

test('a returning visitor fetches nothing but the drop-in: no banner, hasConsent true on the first line', async ({
  page,
}) => {
  await page.goto(testPage({ config: { region: 'DE' } }));
  await action(page, 'accept-all').click();
  const paths = requests(page);
  await page.goto(
    testPage({
      config: { region: 'DE' },
      load: 'sync',
      after: '<script>window.__first = window.ConsentRelay.hasConsent("analytics")</script>',
    }),
  );
  await ready(page);
  expect(await page.evaluate(() => (window as any).__first)).toBe(true);
  await page.waitForTimeout(300);
  await expect(banner(page)).toHaveCount(0);
  expect(paths).toEqual(['/consent-relay.js']);
});

test('the panel file is fetched when the panel opens, not because the banner showed', async ({ page }) => {
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE' } }));
  await expect(banner(page)).toBeVisible();
  await page.waitForTimeout(300);
  expect(paths).not.toContain(PANEL);
  await page.evaluate(() => window.ConsentRelay!.showPreferences());
  await expect(prefs(page)).toBeVisible();
  expect(paths.filter((p) => p === PANEL)).toHaveLength(1);
  await prefs(page).locator('[data-cr-action="reject-all"]').click();
  expect(await page.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(true);
});

test('the panel file is fetched for a [data-consent-relay-preferences] container, and renders there', async ({
  page,
}) => {
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE' }, body: '<div data-consent-relay-preferences></div>' }));
  await expect(page.locator('[data-consent-relay-preferences] [data-cr="preferences"]')).toBeVisible();
  expect(paths).toContain(PANEL);
});

test('intent fetches the panel: a pointer over the Preferences button, before any click', async ({ page }) => {
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE' } }));
  await expect(banner(page)).toBeVisible();
  expect(paths).not.toContain(PANEL);
  await action(page, 'preferences').hover();
  await expect.poll(() => paths.includes(PANEL)).toBe(true);
  await expect(prefs(page)).toHaveCount(0);
});

test('intent on a page link with data-consent-relay-open fetches the panel, for a returning visitor too', async ({
  page,
}) => {
  const url = testPage({
    config: { region: 'DE' },
    body: '<a href="#" data-consent-relay-open>Cookie Preferences</a>',
  });
  await page.goto(url);
  await action(page, 'accept-all').click();
  const paths = requests(page);
  await page.goto(url);
  await ready(page);
  await page.locator('[data-consent-relay-open]').focus();
  await expect.poll(() => paths.includes(PANEL)).toBe(true);
  await page.locator('[data-consent-relay-open]').click();
  await expect(prefs(page)).toBeVisible();
});

test('a panel file that fails to load: console.error naming its URL, the banner keeps working, the next need retries', async ({
  page,
}) => {
  const errors = consoleErrors(page);
  let fail = true;
  await page.route('**/consent-relay.panel.js', (route) =>
    fail ? route.fulfill({ status: 404, body: 'not here' }) : route.continue(),
  );
  await page.goto(testPage({ config: { region: 'DE' } }));
  await action(page, 'preferences').click();
  await expect.poll(() => errors.find((e) => e.includes('/consent-relay.panel.js'))).toBeTruthy();
  await expect(banner(page)).toBeVisible();
  await expect(prefs(page)).toHaveCount(0);

  fail = false;
  await action(page, 'preferences').click();
  await expect(prefs(page)).toBeVisible();
  await prefs(page).locator('[data-cr-action="accept-all"]').click();
  expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
  expect(errors.filter((e) => /pageerror/.test(e))).toEqual([]);
});

test('a banner button still decides while the panel file is failing', async ({ page }) => {
  await page.route('**/consent-relay.panel.js', (route) => route.abort('connectionrefused'));
  const errors = consoleErrors(page);
  await page.goto(testPage({ config: { region: 'DE' } }));
  await action(page, 'preferences').click();
  await expect.poll(() => errors.some((e) => e.includes('/consent-relay.panel.js'))).toBe(true);
  await action(page, 'reject-all').click();
  expect(await page.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(true);
});

test('assetBase moves where the files beside the drop-in come from', async ({ page }) => {
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE', assetBase: '/dist' } }));
  await action(page, 'preferences').click();
  await expect(prefs(page)).toBeVisible();
  expect(paths).toContain('/dist/consent-relay.panel.js');
  expect(paths).not.toContain(PANEL);
});

test('the reporter file is fetched only once telemetry may run; counts made before it loads are kept', async ({
  page,
  request,
}) => {
  const tag = uid('split');
  const paths = requests(page);
  await page.goto(testPage({ config: { region: 'DE', telemetry: tm(tag, { sendUsageFrom: 'browser' }) } }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.telemetry.count('early', 3));
  await page.waitForTimeout(300);
  expect(paths).not.toContain(REPORTER);
  await action(page, 'accept-all').click();
  await expect.poll(() => paths.includes(REPORTER)).toBe(true);
  // the first report, sent once the reporter ran, carries the counts made before it was there
  await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
  expect((await reports(request, tag))[0].body.ui.counts).toMatchObject({ early: 3 });
});

test('consent-relay.standalone.js works alone: banner, panel and reporter without another request', async ({
  page,
}) => {
  const tag = uid('standalone');
  const paths = requests(page);
  const url =
    testPage({ config: { region: 'DE', telemetry: tm(tag, { sendUsageFrom: 'browser' }) } }) +
    '&src=/consent-relay.standalone.js';
  await page.goto(url);
  await expect(banner(page)).toBeVisible();
  await action(page, 'preferences').click();
  await expect(prefs(page)).toBeVisible();
  await prefs(page).locator('[data-cr-action="accept-all"]').click();
  await expect.poll(() => page.evaluate(() => window.ConsentRelay!.telemetry.getLog().then((l) => l.length))).toBe(1);
  expect(paths.filter((p) => p.endsWith('.js'))).toEqual(['/consent-relay.standalone.js']);
});
