import { expect, test } from '@playwright/test';
import { action, banner, geo, ready, testPage } from './helpers';

test('smoke: EU visitor sees the opt-in banner and can accept', async ({ page }) => {
  await page.goto(testPage({ config: { geoEndpoint: geo('EU') } }));
  await expect(banner(page)).toBeVisible();
  const s = await ready(page);
  expect(s.regime).toBe('opt-in');
  await action(page, 'accept-all').click();
  await expect(banner(page)).toBeHidden();
  expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
});
