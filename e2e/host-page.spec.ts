import { expect, test } from '@playwright/test';
import { banner, ready, testPage } from './helpers';

test('a page with its own <div id="consent-relay"> gets the UI in it, not a second element with that id', async ({
  page,
}) => {
  await page.goto(
    testPage({
      config: { region: 'DE' },
      head: '<style>#consent-relay { --cr-accent: rgb(200, 0, 0); }</style>',
      body: '<div id="consent-relay"></div>',
    }),
  );
  await expect(banner(page)).toBeVisible();
  expect(await page.locator('[id="consent-relay"]').count()).toBe(1);
  const bg = await page.evaluate(() => {
    const b = document.getElementById('consent-relay')!.shadowRoot!.querySelector('[data-cr-action="accept-all"]')!;
    return getComputedStyle(b).backgroundColor;
  });
  expect(bg).toBe('rgb(200, 0, 0)');
});

test('showBanner() and showPreferences() after destroy() bring nothing back', async ({ page }) => {
  await page.goto(testPage({ config: { region: 'DE' } }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  await page.evaluate(() => window.ConsentRelay!.destroy());
  await expect(banner(page)).toHaveCount(0);
  await page.evaluate(() => {
    window.ConsentRelay!.showBanner();
    window.ConsentRelay!.showPreferences();
  });
  await page.waitForTimeout(300);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('[data-cr="preferences"]')).toHaveCount(0);
});

test.describe('the purposes list in the visitor language', () => {
  test.use({ locale: 'ar' });
  test('Arabic joins the purposes with its own comma (Intl.ListFormat)', async ({ page }) => {
    await page.goto(
      testPage({
        config: {
          region: 'DE',
          categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }, { id: 'telemetry' }],
        },
      }),
    );
    await expect(banner(page)).toHaveAttribute('lang', 'ar');
    const text = await page.locator('[data-cr="purposes"]').textContent();
    expect(text).toContain('\u060c');
    expect(text).not.toContain(', ');
  });
});
