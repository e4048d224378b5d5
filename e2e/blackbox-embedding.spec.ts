/**
 * Black-box tests of docs/SPEC.md §1 (embedding) and §2 (configuration), written from the SPEC and README.md alone,
 * against the built dist/ served by a server of the test's own (e2e/blackbox-server.ts).
 */
import { expect, type Page, test } from '@playwright/test';
import { bannerAction, embedding, errorsOf, readyState, useBlackboxServer } from './blackbox-server';

test.use({ timezoneId: 'UTC', locale: 'en-US' });

const server = useBlackboxServer();

const banner = (page: Page) => page.locator('[data-cr="banner"]');
const time = (value: unknown) => (typeof value === 'number' ? value : new Date(value as string).getTime());
const DAY = 86_400_000;

test.describe('§1 embedding', () => {
  for (const load of ['async', 'defer', 'sync', 'twice', 'after-domcontentloaded'] as const) {
    test(`loaded ${load}: one host element, one banner, the API defined`, async ({ page }) => {
      const errors = errorsOf(page);
      await page.goto(server.page(`load-${load}`, embedding({ config: { region: 'DE' }, load })));
      await expect(banner(page)).toBeVisible();
      const state = await readyState(page);
      expect(state.regime).toBe('opt-in');
      // Let the second copy (load 'twice') finish too before counting: it was requested before the first ran.
      await page.waitForLoadState('load');
      expect(await page.locator('#consent-relay').count()).toBe(1);
      expect(await banner(page).count()).toBe(1);
      if (load === 'after-domcontentloaded')
        expect(await page.evaluate(() => (window as any).__loadedAfter)).not.toBe('loading');
      expect(errors).toEqual([]);
    });
  }

  test('the JSON block alone configures; window.ConsentRelayConfig wins where both set a key', async ({ page }) => {
    await page.goto(server.page('json-alone', embedding({ config: { region: 'AU' }, via: 'json' })));
    expect((await readyState(page)).regime).toBe('notice');
    await page.goto(
      server.page(
        'json-and-window',
        embedding({
          via: 'both',
          json: { region: 'AU', cookie: { name: 'from_json' } },
          config: { region: 'DE' },
        }),
      ),
    );
    const state = await readyState(page);
    expect(state.region).toBe('DE');
    expect(state.regime).toBe('opt-in');
    await bannerAction(page, 'accept-all').click();
    // README: the two combine key by key; the JSON block's cookie name stays where the window does not set one.
    await expect.poll(async () => (await page.context().cookies()).map((c) => c.name)).toContain('from_json');
  });

  for (const [field, config] of [
    ['policyRevision', { region: 'AU', policyRevision: 'two' }],
    ['region', { region: 42 }],
    ['geoTimeoutMs', { region: 'AU', geoTimeoutMs: 'soon' }],
    ['cookie', { region: 'AU', cookie: 'yes' }],
    ['categories', { region: 'AU', categories: 'analytics' }],
    ['consentMaxAgeDays', { region: 'AU', consentMaxAgeDays: -5 }],
    ['googleConsentMode', { region: 'AU', googleConsentMode: 'yes' }],
    ['receiptEndpoint', { region: 'AU', receiptEndpoint: 42 }],
    ['region', { region: 'Germany' }],
    ['categories', { region: 'AU', categories: [{ label: 'no id' }] }],
  ] as const) {
    const variant = JSON.stringify(config).replace(/[^a-zA-Z0-9]+/g, '-');
    test(`a bad ${field} (${variant}): console.error naming it, opt-in, everything non-essential denied`, async ({
      page,
    }) => {
      const errors = errorsOf(page);
      await page.goto(server.page(`bad-${variant}`, embedding({ config })));
      const state = await readyState(page);
      expect(state.regime).toBe('opt-in');
      expect(state.decided).toBe(false);
      for (const [id, allowed] of Object.entries(state.categories)) expect(allowed, id).toBe(id === 'necessary');
      expect(
        errors.some((text) => text.includes(field)),
        errors.join('\n'),
      ).toBe(true);
      await expect(bannerAction(page, 'reject-all')).toBeVisible();
      expect(errors.filter((text) => text.startsWith('pageerror'))).toEqual([]);
    });
  }

  test('consent-relay.standalone.js alone: banner and preferences panel, no other request', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path !== '/favicon.ico') requested.push(path);
    });
    await page.goto(
      server.page('standalone', embedding({ config: { region: 'DE' }, src: '/dist/consent-relay.standalone.js' })),
    );
    await readyState(page);
    await bannerAction(page, 'preferences').click();
    await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
    await page.locator('[data-cr="preferences"] input[data-cr-category="analytics"]').check();
    await page.locator('[data-cr="preferences"] [data-cr-action="save"]').click();
    await expect.poll(() => page.evaluate(() => (window as any).ConsentRelay.hasConsent('analytics'))).toBe(true);
    expect(requested).toEqual(['/p/standalone', '/dist/consent-relay.standalone.js']);
  });

  test('the panel comes from beside the drop-in, only when needed', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path !== '/favicon.ico') requested.push(path);
    });
    await page.goto(server.page('beside', embedding({ config: { region: 'DE' } })));
    await readyState(page);
    expect(requested).toEqual(['/p/beside', '/dist/consent-relay.js']);
    await bannerAction(page, 'preferences').click();
    await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
    expect(requested).toContain('/dist/consent-relay.panel.js');
  });

  test('assetBase: the panel comes from there, not from beside the drop-in', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path !== '/favicon.ico') requested.push(path);
    });
    await page.goto(
      server.page('asset-base', embedding({ config: { region: 'DE', assetBase: `${server.origin}/cdn/assets/` } })),
    );
    await readyState(page);
    await bannerAction(page, 'preferences').click();
    await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
    expect(requested).toContain('/cdn/assets/consent-relay.panel.js');
    expect(requested).not.toContain('/dist/consent-relay.panel.js');
  });

  test('a panel file that 404s: console.error naming its URL, the banner still decides, the next need retries', async ({
    page,
  }) => {
    const errors = errorsOf(page);
    await page.goto(server.page('panel-404', embedding({ config: { region: 'DE' } })));
    await readyState(page);
    server.failNext('/dist/consent-relay.panel.js', 1);
    // The first need from the API, not a click: a pointer moving to a preferences button is a need too (intent), and
    // which of the two met the 404 would be up to the engine's event timing.
    await page.evaluate(() => (window as any).ConsentRelay.showPreferences());
    await expect
      .poll(() => errors.some((text) => text.includes(`${server.origin}/dist/consent-relay.panel.js`)))
      .toBe(true);
    expect(errors.filter((text) => text.startsWith('pageerror'))).toEqual([]);
    await expect(bannerAction(page, 'accept-all')).toBeVisible();
    // The next need retries: the file is served now.
    await bannerAction(page, 'preferences').click();
    await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
    await page.locator('[data-cr="preferences"] [data-cr-action="reject-all"]').click();
    const state = await page.evaluate(() => (window as any).ConsentRelay.getConsent());
    expect(state.decided).toBe(true);
    expect(state.categories.analytics).toBe(false);
  });

  test('with the panel file failing, a banner button still records the decision', async ({ page }) => {
    await page.goto(server.page('panel-404-accept', embedding({ config: { region: 'DE' } })));
    await readyState(page);
    server.failNext('/dist/consent-relay.panel.js', 5);
    await bannerAction(page, 'preferences').click();
    await bannerAction(page, 'accept-all').click();
    await expect.poll(() => page.evaluate(() => (window as any).ConsentRelay.hasConsent('analytics'))).toBe(true);
    server.failNext('/dist/consent-relay.panel.js', 0);
  });
});

test.describe('§2 configuration', () => {
  test('policyRevision bump: the older decision counts as none, the banner asks again', async ({ page }) => {
    await page.goto(server.page('revision-1', embedding({ config: { region: 'DE', policyRevision: 1 } })));
    await readyState(page);
    await bannerAction(page, 'accept-all').click();
    await expect.poll(() => page.evaluate(() => (window as any).ConsentRelay.getConsent().decided)).toBe(true);
    await page.goto(server.page('revision-1', embedding({ config: { region: 'DE', policyRevision: 1 } })));
    expect((await readyState(page)).decided).toBe(true);
    await page.goto(server.page('revision-2', embedding({ config: { region: 'DE', policyRevision: 2 } })));
    const state = await readyState(page);
    expect(state.decided).toBe(false);
    expect(state.revision).toBe(2);
    expect(await page.evaluate(() => (window as any).ConsentRelay.hasConsent('analytics'))).toBe(false);
    await expect(banner(page)).toBeVisible();
  });

  test('the default cookie: consent_relay, path /, SameSite Lax, the opt-in lifetime (180 days)', async ({ page }) => {
    await page.goto(server.page('cookie-default', embedding({ config: { region: 'DE' } })));
    await readyState(page);
    const before = Date.now();
    await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
    const cookie = (await page.context().cookies()).find((c) => c.name === 'consent_relay');
    expect(cookie).toBeTruthy();
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false });
    const days = (cookie!.expires * 1000 - before) / DAY;
    expect(days).toBeGreaterThan(179);
    expect(days).toBeLessThan(181);
  });

  test('cookie name, path, sameSite and maxAgeDays are used as configured', async ({ page }) => {
    const config = { region: 'DE', cookie: { name: 'site_choice', path: '/p', sameSite: 'Strict', maxAgeDays: 10 } };
    await page.goto(server.page('cookie-custom', embedding({ config })));
    await readyState(page);
    const before = Date.now();
    await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'consent_relay')).toBeUndefined();
    const cookie = cookies.find((c) => c.name === 'site_choice');
    expect(cookie).toMatchObject({ path: '/p', sameSite: 'Strict' });
    const days = (cookie!.expires * 1000 - before) / DAY;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThan(11);
    // and it is read back on the next visit
    await page.goto(server.page('cookie-custom', embedding({ config })));
    expect(await page.evaluate(() => (window as any).ConsentRelay.hasConsent('analytics'))).toBe(true);
  });

  test('consentMaxAgeDays sets how long a decision stands (expiresAt)', async ({ page }) => {
    await page.goto(server.page('max-age', embedding({ config: { region: 'DE', consentMaxAgeDays: 30 } })));
    await readyState(page);
    const state = await page.evaluate(async () => {
      await (window as any).ConsentRelay.acceptAll();
      return (window as any).ConsentRelay.getConsent();
    });
    const days = (time(state.expiresAt) - time(state.updatedAt)) / DAY;
    expect(days).toBeCloseTo(30, 1);
  });

  test('honorGlobalPrivacyControl: false in a notice region: a GPC browser keeps the defaults on', async ({ page }) => {
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await page.goto(server.page('gpc-on', embedding({ config: { region: 'AU' } })));
    expect((await readyState(page)).categories.analytics).toBe(false);
    await page.goto(server.page('gpc-off', embedding({ config: { region: 'AU', honorGlobalPrivacyControl: false } })));
    expect((await readyState(page)).categories.analytics).toBe(true);
  });

  test('googleConsentMode: consent default (denied, v2 fields) before any update, then update on accept', async ({
    page,
  }) => {
    const head =
      '<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>';
    await page.goto(server.page('gcm', embedding({ config: { region: 'DE', googleConsentMode: true }, head })));
    await readyState(page);
    const consentCalls = () =>
      page.evaluate(() =>
        ((window as any).dataLayer as unknown[])
          .map((entry) => Array.from(entry as ArrayLike<unknown>))
          .filter((entry) => entry[0] === 'consent'),
      );
    const start = await consentCalls();
    expect(start[0][1]).toBe('default');
    const defaults = start[0][2] as Record<string, string>;
    for (const field of ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'])
      expect(defaults[field], field).toBe('denied');
    await bannerAction(page, 'accept-all').click();
    await expect
      .poll(async () => (await consentCalls()).filter((call) => call[1] === 'update').length)
      .toBeGreaterThan(0);
    const update = (await consentCalls()).filter((call) => call[1] === 'update').at(-1)!;
    expect((update[2] as Record<string, string>).analytics_storage).toBe('granted');
  });

  test('receiptEndpoint: one POST per change with id, revision, region, regime, choices, timestamp', async ({
    page,
  }) => {
    const config = { region: 'DE', policyRevision: 3, receiptEndpoint: `${server.origin}/collect/receipts-1` };
    await page.goto(server.page('receipts', embedding({ config })));
    await readyState(page);
    expect(server.collected('receipts-1')).toEqual([]);
    await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
    await expect.poll(() => server.collected('receipts-1').length).toBe(1);
    await page.evaluate(() => (window as any).ConsentRelay.update({ analytics: false }));
    await expect.poll(() => server.collected('receipts-1').length).toBe(2);
    const [first, second] = server.collected('receipts-1');
    for (const receipt of [first, second])
      for (const field of ['id', 'revision', 'region', 'regime', 'choices', 'timestamp'])
        expect(receipt, field).toHaveProperty(field);
    expect(first.id).not.toBe(second.id);
    expect(first).toMatchObject({ revision: 3, region: 'DE', regime: 'opt-in' });
    expect(first.choices.analytics).toBe(true);
    expect(second.choices.analytics).toBe(false);
    expect(Number.isNaN(time(first.timestamp))).toBe(false);
  });
});
