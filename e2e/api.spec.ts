import { expect, test, type Page } from '@playwright/test';
import {
  action,
  banner,
  consentCookie,
  consoleErrors,
  geo,
  prefs,
  ready,
  record,
  setConsentCookie,
  testPage,
} from './helpers';

test.use({ timezoneId: 'UTC' });

const EU = { geoEndpoint: geo('EU') };
const has = (page: Page, id: string) => page.evaluate((c) => window.ConsentRelay!.hasConsent(c), id);

test.describe('window.ConsentRelay', () => {
  test('ready resolves with the state; getConsent returns the same', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    const s = await ready(page);
    expect(s).toMatchObject({
      decided: false,
      regime: 'opt-in',
      region: 'DE-BY',
      regionSource: 'geo',
      revision: 1,
      updatedAt: null,
      expiresAt: null,
      source: 'default',
    });
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent())).toEqual(s);
  });

  test("on('change') and the consent-relay:change DOM event carry the new state; on('ready') after the fact still fires", async ({
    page,
  }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const got = await page.evaluate(async () => {
      const R = window.ConsentRelay!;
      const seen: any = { change: [], dom: [], ready: null };
      const off = R.on('change', (s) => seen.change.push(s.categories.analytics));
      document.addEventListener('consent-relay:change', (e) => seen.dom.push((e as CustomEvent).detail));
      await new Promise<void>((r) => R.on('ready', (s) => ((seen.ready = s.regime), r())));
      await R.acceptAll();
      off();
      await R.rejectAll();
      return seen;
    });
    expect(got.ready).toBe('opt-in');
    expect(got.change).toEqual([true]);
    expect(got.dom.map((d: any) => d.categories.analytics)).toEqual([true, false]);
    expect(got.dom[0]).toMatchObject({ decided: true, source: 'api', regime: 'opt-in' });
  });

  test("'change' means a change: none at ready for a returning visitor; one where ready turns the strict start into the regime's defaults", async ({
    page,
  }) => {
    const listen = `<script>window.__changes = []; window.ConsentRelay.on('change', (s) => window.__changes.push(s.categories.analytics));
      document.addEventListener('consent-relay:change', () => window.__changes.push('dom'));</script>`;
    // First visit, opt-out region from the geo endpoint: strict until ready, then analytics on: that is a change.
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, load: 'sync', after: listen }));
    await ready(page);
    expect(await page.evaluate(() => (window as any).__changes)).toEqual([true, 'dom']);
    await page.evaluate(() => window.ConsentRelay!.rejectAll());
    // Returning: the cookie already says it all on the first line; ready confirms it, nothing changes.
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, load: 'sync', after: listen }));
    await ready(page);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as any).__changes)).toEqual([]);
  });

  test('acceptAll / rejectAll resolve after the decision is persisted', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const after = await page.evaluate(async () => {
      const s = await window.ConsentRelay!.acceptAll();
      return { cookie: document.cookie.includes('consent_relay='), analytics: s.categories.analytics };
    });
    expect(after).toEqual({ cookie: true, analytics: true });
    await expect(banner(page)).toHaveCount(0);
    const rejected = await page.evaluate(async () => (await window.ConsentRelay!.rejectAll()).categories);
    expect(rejected).toEqual({ necessary: true, analytics: false, telemetry: false });
    expect((await consentCookie(page)).c.analytics).toBe(false);
  });

  test('update({ analytics: true }) persists across a reload', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const s = await page.evaluate(() => window.ConsentRelay!.update({ analytics: true }));
    expect(s.categories).toEqual({ necessary: true, analytics: true, telemetry: false });
    await page.reload();
    expect((await ready(page)).categories).toEqual({ necessary: true, analytics: true, telemetry: false });
    await expect(banner(page)).toHaveCount(0);
  });

  test('update() with an unknown category is reported and ignored: no decision recorded', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const s = await page.evaluate(() => window.ConsentRelay!.update({ nope: true } as any));
    expect(errors.some((e) => e.includes('update()') && e.includes('nope'))).toBe(true);
    expect(s.decided).toBe(false);
    expect(await consentCookie(page)).toBeNull();
    await expect(banner(page)).toBeVisible();
    // a valid key next to an unknown one is applied; a required category cannot be turned off
    const t = await page.evaluate(() =>
      window.ConsentRelay!.update({ analytics: true, necessary: false, bogus: 1 } as any),
    );
    expect(t.categories).toEqual({ necessary: true, analytics: true, telemetry: false });
    expect(errors.some((e) => e.includes('bogus'))).toBe(true);
  });

  test('update() called before ready merges with the regime defaults, not the pre-region ones', async ({ page }) => {
    // an opt-out visitor turns only telemetry off from the first line of the page
    const body = `<script>window.__upd = window.ConsentRelay.update({ telemetry: false });</script>`;
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, load: 'sync', body }));
    const s = await page.evaluate(() => (window as any).__upd);
    expect(s).toMatchObject({
      decided: true,
      regime: 'opt-out',
      categories: { necessary: true, analytics: true, telemetry: false },
    });
  });

  test('showBanner, showPreferences and hide control the UI', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    await expect(banner(page)).toHaveCount(0);
    await page.evaluate(() => window.ConsentRelay!.showBanner());
    await expect(banner(page)).toBeVisible();
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(prefs(page)).toBeVisible();
    await expect(prefs(page).locator('[data-cr-category="analytics"]')).toBeChecked();
    await page.evaluate(() => window.ConsentRelay!.hide());
    await expect(prefs(page)).toHaveCount(0);
    await expect(banner(page)).toHaveCount(0);
    expect(await has(page, 'analytics')).toBe(true);
  });

  test('hide() called before ready keeps the banner hidden at ready; showBanner() brings it back', async ({ page }) => {
    // A synchronous tag, then the page's own script at once: before the storage read has answered.
    await page.goto(
      testPage({
        config: { region: 'DE' },
        load: 'none',
        body: '<script src="/consent-relay.js"></script><script>window.ConsentRelay.hide()</script>',
      }),
    );
    const state = await ready(page);
    expect(state.decided).toBe(false);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect(banner(page)).toHaveCount(0);
    await page.evaluate(() => window.ConsentRelay!.showBanner());
    await expect(action(page, 'reject-all')).toBeVisible();
  });

  test('showBanner() called before ready shows it to a visitor who already decided', async ({ page, baseURL }) => {
    await setConsentCookie(page, baseURL!, record({ reg: 'DE', rs: 'config' }));
    await page.goto(
      testPage({
        config: { region: 'DE' },
        load: 'none',
        body: '<script src="/consent-relay.js"></script><script>window.ConsentRelay.showBanner()</script>',
      }),
    );
    expect((await ready(page)).decided).toBe(true);
    await expect(banner(page)).toBeVisible();
  });

  test('a throwing change subscriber does not stop the others or the decision', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const n = await page.evaluate(async () => {
      let n = 0;
      window.ConsentRelay!.on('change', () => {
        throw new Error('host bug');
      });
      window.ConsentRelay!.on('change', () => n++);
      await window.ConsentRelay!.acceptAll();
      return n;
    });
    expect(n).toBe(1);
    expect(await has(page, 'analytics')).toBe(true);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});

test.describe('loading', () => {
  for (const load of ['async', 'defer', 'sync', 'twice'] as const) {
    test(`load ${load}: one host, one banner`, async ({ page }) => {
      const errors = consoleErrors(page);
      await page.goto(testPage({ config: EU, load }));
      await ready(page);
      await expect(banner(page)).toBeVisible();
      await expect(page.locator('#consent-relay')).toHaveCount(1);
      await expect(banner(page)).toHaveCount(1);
      expect(errors).toEqual([]);
    });
  }

  // Each instance draws its own host (#consent-relay) and banner: one of each means one instance.
  test('loaded twice: the second copy keeps the first instance', async ({ page }) => {
    await page.goto(testPage({ config: EU, load: 'twice' }));
    const first = await page.evaluateHandle(() => window.ConsentRelay);
    await ready(page);
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(await page.evaluate(() => document.querySelectorAll('script[src="/consent-relay.js"]').length)).toBe(2);
    expect(await page.evaluate((f) => f === window.ConsentRelay, first)).toBe(true);
    await expect(page.locator('#consent-relay')).toHaveCount(1);
    await expect(banner(page)).toHaveCount(1);
  });

  test('two copies evaluated in one task (before either has started) still make one instance', async ({ page }) => {
    await page.goto(testPage({ config: EU, load: 'none' }));
    await page.evaluate(async () => {
      const code = await (await fetch('/consent-relay.js')).text();
      // Each copy starts in a microtask: both are evaluated before the first one's start runs.
      (0, eval)(code);
      (0, eval)(code);
    });
    await ready(page);
    await expect(page.locator('#consent-relay')).toHaveCount(1);
    await expect(banner(page)).toHaveCount(1);
  });

  test("concatenated with the page's own code by a script combiner: window.ConsentRelay answers on the next line", async ({
    page,
  }) => {
    const combined = async (route: import('@playwright/test').Route) => {
      const code = await (await page.request.get('/consent-relay.js')).text();
      await route.fulfill({
        contentType: 'text/javascript',
        body:
          code +
          '\n;window.__first = { has: window.ConsentRelay.hasConsent("analytics"), decided: window.ConsentRelay.getConsent().decided };\n',
      });
    };
    await page.route('**/all.js', combined);
    // A returning visitor: the decision is in the cookie.
    await page.goto(testPage({ config: EU, load: 'none', head: '<script src="/all.js"></script>' }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    await page.goto(testPage({ config: EU, load: 'none', head: '<script src="/all.js"></script>' }));
    await ready(page);
    expect(await page.evaluate(() => (window as any).__first)).toEqual({ has: true, decided: true });
    await expect(page.locator('#consent-relay')).toHaveCount(0);
  });

  test("the page's next script sees window.ConsentRelay (the start runs before it)", async ({ page }) => {
    const after = `<script>window.__seen = { api: !!window.ConsentRelay, has: window.ConsentRelay && window.ConsentRelay.hasConsent('necessary') };</script>`;
    await page.goto(testPage({ config: { region: 'DE' }, load: 'sync', after }));
    await ready(page);
    expect(await page.evaluate(() => (window as any).__seen)).toEqual({ api: true, has: true });
  });

  test('injected after DOMContentLoaded: banner appears', async ({ page }) => {
    await page.goto(testPage({ config: EU, load: 'none' }));
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
    expect(await page.evaluate(() => !!window.ConsentRelay)).toBe(false);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = '/consent-relay.js';
      document.head.appendChild(s);
    });
    expect((await ready(page)).regime).toBe('opt-in');
    await expect(banner(page)).toBeVisible();
    await expect(page.locator('#consent-relay')).toHaveCount(1);
  });

  test('sync in <head> with a slow script after it: the banner still shows once the body exists', async ({ page }) => {
    const errors = consoleErrors(page);
    // ready resolves while the parser still waits in <head> for the slow script: there is no document.body yet
    const after = '<script src="/__test/script.js?name=slow&delay=1500"></script>';
    await page.goto(testPage({ config: { region: 'DE' }, load: 'sync', after }), { waitUntil: 'commit' });
    expect((await ready(page)).regime).toBe('opt-in');
    await expect(banner(page)).toBeVisible();
    await expect(page.locator('#consent-relay')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
