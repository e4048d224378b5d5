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

test.describe('a decision reaches every open tab within a second, without a reload or coming back', () => {
  for (const [what, via] of [
    ['BroadcastChannel', 'bc'],
    ['the storage event (no BroadcastChannel)', 'storage'],
  ] as const) {
    test(`accept, update, reject and reset travel (${what})`, async ({ context }) => {
      if (via === 'storage')
        await context.addInitScript(() => {
          // A browser without BroadcastChannel (Safari < 15.4): the storage event carries the news.
          delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
        });
      const url = testPage({
        config: { region: 'DE' },
        body: '<script type="text/plain" data-consent-category="analytics">window.__ranA=(window.__ranA||0)+1</script>',
      });
      const [a, b] = [await context.newPage(), await context.newPage()];
      await a.goto(url);
      await b.goto(url);
      await expect(banner(b)).toBeVisible();
      await ready(b);
      await b.evaluate(() => {
        (window as any).__changes = [];
        (window as any).__docChanges = 0;
        window.ConsentRelay!.on('change', (s) => (window as any).__changes.push(s.categories.analytics));
        document.addEventListener('consent-relay:change', () => (window as any).__docChanges++);
      });
      const within = { timeout: 1000 };

      await action(a, 'accept-all').click();
      await expect(banner(b)).toBeHidden(within);
      expect(await b.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
      await expect.poll(() => b.evaluate(() => (window as any).__ranA), within).toBe(1);

      await a.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
      await expect.poll(() => b.evaluate(() => window.ConsentRelay!.hasConsent('analytics')), within).toBe(false);
      const s = await b.evaluate(() => window.ConsentRelay!.getConsent());
      expect(s.decided).toBe(true);

      await a.evaluate(() => window.ConsentRelay!.reset());
      await expect(banner(b)).toBeVisible(within);
      expect(await b.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(false);

      expect(await b.evaluate(() => (window as any).__changes)).toEqual([true, false, false]);
      expect(await b.evaluate(() => (window as any).__docChanges)).toBe(3);
      // The tab that decided hears its own decision once, not back again from the others.
      expect(await a.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(false);
    });
  }
});

test('a sandboxed frame (IndexedDB throws SecurityError) is a visitor without storage: no uncaught error', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Uncaught/.test(m.text())) errors.push(m.text());
  });
  const inner = testPage({ config: { region: 'DE' } });
  const frameSrc = inner.replace(/&/g, '&amp;');
  await page.goto(
    testPage({ load: 'none', body: `<iframe id="f" sandbox="allow-scripts" src="${frameSrc}"></iframe>` }),
  );
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await frame.waitForFunction(() => !!window.ConsentRelay);
  expect(await frame.evaluate(() => window.ConsentRelay!.ready.then((s) => s.decided))).toBe(false);
  expect(await frame.evaluate(() => window.ConsentRelay!.acceptAll().then((s) => s.decided))).toBe(true);
  await frame.goto(frame.url());
  await frame.waitForFunction(() => !!window.ConsentRelay);
  // Nothing could be stored: the visitor is asked again, and `ready` resolves all the same.
  expect(await frame.evaluate(() => window.ConsentRelay!.ready.then((s) => s.decided))).toBe(false);
  await frame.locator('[data-cr="banner"]').waitFor();
  expect(errors).toEqual([]);
});
