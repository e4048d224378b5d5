import { expect, test } from '@playwright/test';
import { action, banner, ready, sendGpc, testPage } from './helpers';

/** Tell a page it is in front again (Playwright pages do not change visibility by themselves). */
const comeBack = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });

test("a decision made in another tab hides this tab's banner when it comes back", async ({ context }) => {
  const url = testPage({ config: { region: 'DE' } });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(url);
  await b.goto(url);
  await expect(banner(a)).toBeVisible();
  await expect(banner(b)).toBeVisible();
  await action(a, 'reject-all').click();
  await comeBack(b);
  await expect(banner(b)).toBeHidden();
  const s = await b.evaluate(() => window.ConsentRelay!.getConsent());
  expect(s.decided).toBe(true);
  expect(s.categories.analytics).toBe(false);
});

test('a reset in another tab asks again here; a cookie cleared alone is restored from IndexedDB', async ({
  context,
}) => {
  const url = testPage({ config: { region: 'DE' } });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(url);
  await action(a, 'accept-all').click();
  await b.goto(url);
  await ready(b);
  await expect(banner(b)).toHaveCount(0);

  await context.clearCookies();
  await comeBack(b);
  await expect.poll(async () => (await context.cookies()).some((c) => c.name === 'consent_relay')).toBe(true);
  expect(await b.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);

  await a.evaluate(() => window.ConsentRelay!.reset());
  await comeBack(b);
  await expect(banner(b)).toBeVisible();
  expect(await b.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(false);
});

test('GPC is honoured in California even when the config turns GPC off: the law requires it', async ({ page }) => {
  await sendGpc(page);
  await page.goto(testPage({ config: { region: 'US-CA', honorGlobalPrivacyControl: false } }));
  const s = await ready(page);
  expect(s.categories.analytics).toBe(false);
  expect(s.source).toBe('signal');
  await expect(page.locator('[data-cr="signal-notice"]')).toBeVisible();
});

test('honorGlobalPrivacyControl: false is respected where no law requires GPC', async ({ page }) => {
  await sendGpc(page);
  await page.goto(testPage({ config: { region: 'AU', honorGlobalPrivacyControl: false } }));
  const s = await ready(page);
  expect(s.categories.analytics).toBe(true);
});

test('the banner lists the purposes the site configured, and only those', async ({ page }) => {
  await page.goto(
    testPage({
      config: {
        region: 'DE',
        categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing', label: 'Ads & offers' }],
      },
    }),
  );
  await expect(page.locator('[data-cr="purposes"]')).toHaveText('Purposes: Analytics, Ads & offers');
  await page.goto(testPage({ config: { region: 'DE', categories: [{ id: 'necessary' }, { id: 'analytics' }] } }));
  await expect(page.locator('[data-cr="purposes"]')).toHaveText('Purposes: Analytics');
});
