import { expect, test } from '@playwright/test';
import { action, banner, ready, testPage } from './helpers';

test('the reporter code is fetched only once telemetry may run: not before consent, not after a refusal', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(new URL(r.url()).pathname));
  const config = { region: 'DE', telemetry: { endpoint: '/api/collector/reports?t=split', sendUsageFrom: 'browser', initialDelayMs: 60_000 } };
  await page.goto(testPage({ config }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  // The panel's telemetry section works without it too.
  await action(page, 'preferences').click();
  await expect(page.locator('[data-cr="telemetry-preview"]')).toBeVisible();
  await page.locator('[data-cr="preferences"] [data-cr-action="reject-all"]').click();
  expect(await page.evaluate(() => window.ConsentRelay!.telemetry.flush().then((d) => d.reason))).toBe('no_consent');
  expect(urls.filter((u) => u.includes('telemetry'))).toEqual([]);

  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await expect.poll(() => urls.filter((u) => u.endsWith('/consent-relay-telemetry.js')).length).toBe(1);
  expect(await page.evaluate(() => window.ConsentRelay!.telemetry.flush().then((d) => d.reason))).toBe('not_due');
});
