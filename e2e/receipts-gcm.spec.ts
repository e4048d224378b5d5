import { expect, test, type Page } from '@playwright/test';
import { action, banner, geo, ready, received, testPage } from './helpers';

test.use({ timezoneId: 'UTC' });

const tagOf = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

test.describe('consent receipts', () => {
  test('one receipt per change, with the record fields, the pseudonymous visitor id and nothing identifying', async ({
    page,
    request,
  }) => {
    const t = tagOf('rcpt');
    await page.goto(
      testPage({ config: { geoEndpoint: geo('EU'), receiptEndpoint: `/api/collector/receipts?t=${t}` } }),
    );
    await ready(page);
    // nothing is sent before a decision
    expect(await received(request, t)).toEqual([]);

    await action(page, 'accept-all').click();
    await expect(banner(page)).toBeHidden();
    await expect.poll(async () => (await received(request, t)).length).toBe(1);
    await page.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
    await expect.poll(async () => (await received(request, t)).length).toBe(2);

    const [first, second] = await received(request, t, 'receipt');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'consent_relay')!;
    const rec = JSON.parse(decodeURIComponent(cookie.value));
    expect(second.body).toMatchObject({
      id: rec.id,
      revision: 1,
      region: 'DE-BY',
      regime: 'opt-in',
      choices: { necessary: true, analytics: false, telemetry: true },
      timestamp: new Date(rec.at).toISOString(),
      method: 'api',
    });
    expect(first.body).toMatchObject({
      region: 'DE-BY',
      regime: 'opt-in',
      choices: { necessary: true, analytics: true, telemetry: true },
      method: 'banner',
    });
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.body.id).toMatch(/^[\w-]{16,}$/);
    expect(Date.parse(first.body.timestamp)).toBeGreaterThan(Date.now() - 60_000);

    // reset() forgets the decision: that is a change too, receipted as a withdrawal (a new id, everything off)
    await page.evaluate(() => window.ConsentRelay!.reset());
    await expect.poll(async () => (await received(request, t)).length).toBe(3);
    const third = (await received(request, t, 'receipt'))[2];
    expect(third.body).toMatchObject({
      revision: 1,
      region: 'DE-BY',
      regime: 'opt-in',
      method: 'reset',
      choices: { necessary: true, analytics: false, telemetry: false },
    });
    expect([first.body.id, second.body.id]).not.toContain(third.body.id);
    // a reset with nothing to forget sends nothing
    await page.evaluate(() => window.ConsentRelay!.reset());
    await page.waitForTimeout(300);
    expect(await received(request, t)).toHaveLength(3);

    for (const r of [first, second, third]) {
      const keys = Object.keys(r.body).sort();
      expect(keys).toEqual([
        'choices',
        'expires',
        'id',
        'language',
        'method',
        'regime',
        'region',
        'regionSource',
        'revision',
        'signal',
        'timestamp',
        'visitor',
      ]);
      const text = JSON.stringify(r.body).toLowerCase();
      expect(text).not.toContain('mozilla');
      expect(text).not.toContain('127.0.0.1');
      expect(r.headers['content-type']).toBe('application/json');
      // the pseudonymous consent id stays the same across this device's decisions, and the withdrawal
      expect(r.body.visitor).toBe(first.body.visitor);
    }
    // credentials: 'same-origin' (docs/SPEC.md §7): the consent cookie goes along, the answer's Set-Cookie applies
    for (const r of [first, second]) {
      expect(r.headers.cookie).toContain('consent_relay=');
    }
  });

  test('a receipt endpoint that fails is reported, the decision still stands', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route('**/api/collector/receipts**', (r) => r.fulfill({ status: 500, body: '{}' }));
    await page.goto(testPage({ config: { region: 'DE', receiptEndpoint: '/api/collector/receipts?t=fail' } }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    await expect.poll(() => errors.some((e) => e.includes('receiptEndpoint'))).toBe(true);
    expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
  });
});

test.describe('Google Consent Mode v2', () => {
  const consentCalls = (page: Page) =>
    page.evaluate(() =>
      ((window as any).dataLayer || [])
        .map((e: unknown) => Array.from(e as ArrayLike<unknown>))
        .filter((a: unknown[]) => a[0] === 'consent'),
    );

  test('default (all denied) is queued before anything else, update on accept', async ({ page }) => {
    // a Google tag in the page after our script reads the dataLayer as it is at that moment
    const body = '<script>window.__atTag = (window.dataLayer || []).map((e) => Array.from(e));</script>';
    await page.goto(testPage({ config: { geoEndpoint: geo('EU'), googleConsentMode: true }, load: 'sync', body }));
    await ready(page);
    const atTag = await page.evaluate(() => (window as any).__atTag);
    expect(atTag[0][0]).toBe('consent');
    expect(atTag[0][1]).toBe('default');
    expect(atTag[0][2]).toMatchObject({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
    });
    expect(atTag.filter((a: unknown[]) => a[1] === 'update')).toEqual([]);

    await action(page, 'accept-all').click();
    await expect
      .poll(async () => (await consentCalls(page)).at(-1))
      .toEqual([
        'consent',
        'update',
        expect.objectContaining({ analytics_storage: 'granted', ad_user_data: 'denied', ad_personalization: 'denied' }),
      ]);
    const calls = await consentCalls(page);
    expect(calls[0][1]).toBe('default');
    expect(calls.filter((c: unknown[]) => c[1] === 'default')).toHaveLength(1);
  });

  test('a marketing category maps to the three ad fields', async ({ page }) => {
    const categories = [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }];
    await page.goto(testPage({ config: { region: 'DE', googleConsentMode: true, categories } }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.update({ marketing: true }));
    expect((await consentCalls(page)).at(-1)[2]).toMatchObject({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'denied',
    });
  });

  test("the page's own gtag is used when present", async ({ page }) => {
    const head =
      '<script>window.__g = []; window.gtag = function () { window.__g.push(Array.from(arguments)); };</script>';
    await page.goto(testPage({ config: { region: 'DE', googleConsentMode: true }, head }));
    await ready(page);
    const g = await page.evaluate(() => (window as any).__g);
    expect(g[0].slice(0, 2)).toEqual(['consent', 'default']);
    expect(await page.evaluate(() => (window as any).dataLayer)).toBeUndefined();
  });

  test('off by default: no dataLayer, no gtag', async ({ page }) => {
    await page.goto(testPage({ config: { region: 'DE' } }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    expect(await page.evaluate(() => [typeof (window as any).gtag, typeof (window as any).dataLayer])).toEqual([
      'undefined',
      'undefined',
    ]);
  });
});
