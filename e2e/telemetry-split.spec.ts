import { expect, test } from '@playwright/test';
import { action, banner, ready, testPage } from './helpers';

test('nothing telemetry-related is requested before consent, nor after a refusal; the reporter file only once it may run', async ({
  page,
}) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(new URL(r.url()).pathname));
  const config = {
    region: 'DE',
    telemetry: {
      endpoint: '/api/collector/reports?t=split',
      sendUsageFrom: 'browser',
      initialDelayMs: 0,
      intervalMs: 60_000,
    },
  };
  await page.goto(testPage({ config }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  // The panel's telemetry section works before any decision too.
  await action(page, 'preferences').click();
  await expect(page.locator('[data-cr="telemetry-preview"]')).toBeVisible();
  await page.locator('[data-cr="preferences"] [data-cr-action="reject-all"]').click();
  expect(await page.evaluate(() => window.ConsentRelay!.telemetry.flush().then((d) => d.reason))).toBe('no_consent');
  // the panel's file (it was opened), and no reporter file: telemetry may not run
  expect(urls).toEqual(['/__test/page', '/consent-relay.js', '/consent-relay.panel.js']);

  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await expect.poll(() => urls.filter((u) => u === '/api/collector/reports')).toHaveLength(1);
  // The reporter's file, fetched once telemetry may run, and nothing else.
  expect(urls.filter((u) => u.endsWith('.js'))).toEqual([
    '/consent-relay.js',
    '/consent-relay.panel.js',
    '/consent-relay.reporter.js',
  ]);
});
