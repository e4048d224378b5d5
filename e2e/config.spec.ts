import { expect, test, type Page } from '@playwright/test';
import { action, banner, consoleErrors, geo, ready, testPage } from './helpers';

test.use({ timezoneId: 'UTC' });

const has = (page: Page, id: string) => page.evaluate((c) => window.ConsentRelay!.hasConsent(c), id);

/** A bad config must give: a console.error naming the field, opt-in, everything non-essential denied, no page error. */
async function expectStrictFallback(page: Page, errors: string[], field: string) {
  const s = await ready(page);
  expect(s).toMatchObject({ regime: 'opt-in', decided: false });
  for (const [id, on] of Object.entries(s.categories)) expect(on, id).toBe(id === 'necessary');
  expect(await has(page, 'analytics')).toBe(false);
  await expect(action(page, 'reject-all')).toBeVisible();
  await expect(action(page, 'accept-all')).toBeVisible();
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  expect(
    errors.some((e) => e.includes('[consent-relay]') && e.includes(field)),
    `no error naming ${field} in ${JSON.stringify(errors)}`,
  ).toBe(true);
}

const cases: Array<[string, Record<string, unknown>, string]> = [
  ['geoTimeoutMs as text', { geoTimeoutMs: 'abc' }, 'config.geoTimeoutMs'],
  ['categories not an array', { categories: 5 }, 'config.categories'],
  ['an unknown key', { geoEndpont: '/api/geo?as=US-CA' }, 'config.geoEndpont'],
  ['a bad category id', { categories: [{ id: 'Analytics!' }] }, 'config.categories[0].id'],
  ['a bad cookie name', { cookie: { name: 'a b' } }, 'config.cookie.name'],
  ['policyRevision not an integer', { policyRevision: 1.5 }, 'config.policyRevision'],
  ['googleConsentMode not a boolean', { googleConsentMode: 'yes' }, 'config.googleConsentMode'],
  ['a bad region', { region: 'California' }, 'config.region'],
];
for (const [name, bad, field] of cases) {
  test(`config error (${name}): reported by name, strict opt-in even where geo says US-CA`, async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA'), ...bad } }));
    await expectStrictFallback(page, errors, field);
  });
}

test('the strict fallback still records a decision the visitor makes', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(testPage({ config: { geoEndpoint: geo('US-CA'), geoTimeoutMs: -1 } }));
  await expectStrictFallback(page, errors, 'config.geoTimeoutMs');
  await action(page, 'accept-all').click();
  await expect(banner(page)).toBeHidden();
  expect(await has(page, 'analytics')).toBe(true);
});

test('a decision stored before does not count under a config error, and is untouched: mended, it counts again', async ({
  page,
}) => {
  const good = testPage({ config: { region: 'AU' } });
  await page.goto(good);
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  const cookie = async () => (await page.context().cookies()).find((c) => c.name === 'consent_relay');
  const before = await cookie();
  expect(before).toBeTruthy();

  const errors = consoleErrors(page);
  await page.goto(testPage({ config: { region: 'AU', policyRevision: -1 } }));
  // No consent from the first line on: the stored acceptance is not applied while the settings are broken.
  expect(await has(page, 'analytics')).toBe(false);
  await expectStrictFallback(page, errors, 'config.policyRevision');
  // Nothing stored was changed: same cookie value and expiry.
  expect(await cookie()).toEqual(before);

  await page.goto(good);
  expect(await ready(page)).toMatchObject({ decided: true, regime: 'notice', categories: { analytics: true } });
  await expect(banner(page)).toBeHidden();
});

test('broken JSON block: reported, strict opt-in', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(testPage({ config: '{ "geoEndpoint": "/api/geo?as=US-CA", ' }));
  await expectStrictFallback(page, errors, '#consent-relay-config');
});

test('window.ConsentRelayConfig not an object: reported, strict opt-in', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(testPage({ config: '"US-CA"', via: 'window' }));
  await expectStrictFallback(page, errors, 'config');
});

test('config from the JSON block alone works', async ({ page }) => {
  await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, via: 'json' }));
  expect(await ready(page)).toMatchObject({ regime: 'opt-out', region: 'US-CA' });
});

test('config from window.ConsentRelayConfig alone works', async ({ page }) => {
  await page.goto(testPage({ config: { geoEndpoint: geo('AU') }, via: 'window' }));
  expect(await ready(page)).toMatchObject({ regime: 'notice', region: 'AU' });
});

test('window.ConsentRelayConfig wins over the JSON block, key by key', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(testPage({ config: { region: 'US-CA' }, json: { region: 'DE', policyRevision: 7 }, via: 'both' }));
  const s = await ready(page);
  // region from the window (set in both), policyRevision from the JSON block (set only there)
  expect(s).toMatchObject({ regime: 'opt-out', region: 'US-CA', regionSource: 'config', revision: 7 });
  expect(errors).toEqual([]);
});

test('window config and JSON block combine into nested objects: one cookie attribute changed, the name kept', async ({
  page,
}) => {
  const errors = consoleErrors(page);
  await page.goto(
    testPage({
      json: {
        region: 'DE',
        cookie: { name: 'site_consent', sameSite: 'Lax' },
        translations: { en: { title: 'Cookies here' } },
      },
      config: { cookie: { sameSite: 'Strict' }, translations: { en: { acceptAll: 'Yes to all' } } },
      via: 'both',
    }),
  );
  expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'DE' });
  await expect(page.locator('[data-cr="banner"] h2')).toHaveText('Cookies here');
  await expect(page.locator('[data-cr-action="accept-all"]')).toHaveText('Yes to all');
  await page.locator('[data-cr-action="accept-all"]').click();
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === 'site_consent')?.sameSite)
    .toBe('Strict');
  expect(errors).toEqual([]);
});

test('no config at all: defaults, no errors', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(testPage({ via: 'none' }));
  const s = await ready(page);
  // UTC and en-US name no place that is not opt-in: unknown, opt-in
  expect(s).toMatchObject({ regime: 'opt-in', regionSource: 'unknown', revision: 1 });
  expect(Object.keys(s.categories)).toEqual(['necessary', 'analytics', 'telemetry']);
  expect(errors).toEqual([]);
});

test('a custom cookie name is used', async ({ page }) => {
  await page.goto(testPage({ config: { region: 'DE', cookie: { name: 'my_consent' } } }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  const names = (await page.context().cookies()).map((c) => c.name);
  expect(names).toEqual(['my_consent']);
});

test('config regimes override a row of the table', async ({ page }) => {
  await page.goto(testPage({ config: { geoEndpoint: geo('AU'), regimes: { AU: 'opt-in' } } }));
  expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'AU' });
  await expect(action(page, 'reject-all')).toBeVisible();
});
