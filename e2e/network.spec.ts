import { expect, test } from '@playwright/test';
import { action, banner, geo, prefs, ready, testPage } from './helpers';

test.use({ timezoneId: 'UTC' });

test('before and after an opt-in decision, only the page, the script and the geo endpoint are requested', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url().replace(baseURL!, '')));
  const url = testPage({
    config: { geoEndpoint: geo('EU') },
    // a page with gated scripts: they must not be fetched either
    body: '<script type="text/plain" data-consent-category="analytics" src="/__test/script.js?name=ga"></script>',
  });
  await page.goto(url);
  await ready(page);
  await expect(banner(page)).toBeVisible();
  await page.waitForLoadState('load');
  const expected = [url, '/consent-relay.js', geo('EU')];
  expect(requests).toEqual(expected);

  // opening the preferences needs only the panel's file, beside the script (issue 12: not on every page view)
  await action(page, 'preferences').click();
  await expect(prefs(page)).toBeVisible();
  await prefs(page).locator('[data-cr-action="reject-all"]').click();
  await expect(prefs(page)).toHaveCount(0);
  await expect(banner(page)).toHaveCount(0);
  // a same-origin round trip made by the test, so anything the decision queued would have started by now
  await page.evaluate(() => fetch('/api/collector?t=none').then((r) => r.text()));
  expect(requests).toEqual([...expected, '/consent-relay.panel.js', '/api/collector?t=none']);
});

test('accepting then fetches the gated script, and only it', async ({ page, baseURL }) => {
  const requests: string[] = [];
  const url = testPage({
    config: { geoEndpoint: geo('EU') },
    body: '<script type="text/plain" data-consent-category="analytics" src="/__test/script.js?name=ga"></script>',
  });
  await page.goto(url);
  await ready(page);
  page.on('request', (r) => requests.push(r.url().replace(baseURL!, '')));
  await action(page, 'accept-all').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ran)).toEqual(['ga']);
  expect(requests).toEqual(['/__test/script.js?name=ga']);
});

test('a returning visitor (decision in the cookie) makes no geo request at all', async ({ page }) => {
  const url = testPage({ config: { geoEndpoint: geo('EU') } });
  await page.goto(url);
  await action(page, 'reject-all').click();
  const geoCalls: string[] = [];
  page.on('request', (r) => r.url().includes('/api/geo') && geoCalls.push(r.url()));
  await page.goto(url);
  const s = await ready(page);
  expect(s.decided).toBe(true);
  expect(s.region).toBe('DE-BY');
  expect(s.regionSource).toBe('geo');
  expect(geoCalls).toEqual([]);
});
