import { expect, test, type Page } from '@playwright/test';
import {
  action,
  banner,
  consentCookie,
  geo,
  prefs,
  ready,
  sendDnt,
  sendGpc,
  storedConsent,
  styleOf,
  testPage,
} from './helpers';

// A fixed zone, so the fallback chain does not depend on the machine running the tests.
test.use({ timezoneId: 'UTC', locale: 'en-US' });

const has = (page: Page, id: string) => page.evaluate((c) => window.ConsentRelay!.hasConsent(c), id);

test.describe('regime from the geo endpoint', () => {
  test('EU: opt-in banner, three equally prominent choices, nothing pre-ticked', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('EU') } }));
    const s = await ready(page);
    expect(s).toMatchObject({
      regime: 'opt-in',
      region: 'DE-BY',
      regionSource: 'geo',
      decided: false,
      source: 'default',
    });
    expect(s.categories).toEqual({ necessary: true, analytics: false, telemetry: false });
    expect(await has(page, 'analytics')).toBe(false);
    await expect(banner(page)).toBeVisible();
    await expect(action(page, 'opt-out')).toHaveCount(0);
    await expect(action(page, 'ok')).toHaveCount(0);

    const names = ['accept-all', 'reject-all', 'preferences'];
    const props = [
      'font-size',
      'font-weight',
      'background-color',
      'color',
      'border-top-width',
      'border-top-color',
      'border-top-style',
    ];
    const styles = [];
    const boxes = [];
    for (const n of names) {
      await expect(action(page, n)).toBeVisible();
      styles.push(await styleOf(page, `[data-cr="banner"] [data-cr-action="${n}"]`, props));
      boxes.push((await action(page, n).boundingBox())!);
    }
    expect(styles[1]).toEqual(styles[0]);
    expect(styles[2]).toEqual(styles[0]);
    for (const b of boxes) {
      expect(Math.abs(b.height - boxes[0].height)).toBeLessThanOrEqual(1);
      // similar size: no button is more than 1.6 times as wide as another
      expect(b.width / Math.min(...boxes.map((x) => x.width))).toBeLessThan(1.6);
    }

    await action(page, 'preferences').click();
    await expect(prefs(page)).toBeVisible();
    await expect(prefs(page).locator('[data-cr-category="necessary"]')).toBeChecked();
    await expect(prefs(page).locator('[data-cr-category="analytics"]')).not.toBeChecked();
    // no telemetry configured: the default telemetry category asks about nothing, so it is not shown
    await expect(prefs(page).locator('[data-cr-category="telemetry"]')).toHaveCount(0);
  });

  test('US-CA: opt-out choice, no reject-all, analytics allowed by default', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') } }));
    const s = await ready(page);
    expect(s).toMatchObject({
      regime: 'opt-out',
      region: 'US-CA',
      regionSource: 'geo',
      decided: false,
      source: 'default',
    });
    await expect(action(page, 'opt-out')).toBeVisible();
    await expect(action(page, 'reject-all')).toHaveCount(0);
    await expect(page.locator('[data-cr="signal-notice"]')).toHaveCount(0);
    expect(await has(page, 'analytics')).toBe(true);
    await action(page, 'opt-out').click();
    await expect(banner(page)).toBeHidden();
    expect(await has(page, 'analytics')).toBe(false);
    const rec = await consentCookie(page);
    expect(rec.c).toEqual({ necessary: true, analytics: false, telemetry: false });
    // CCPA regs 7026(k): an opt-out stands for 12 months (opt-in decisions: 180 days)
    expect(rec.exp - rec.at).toBe(365 * 86_400_000);
    const expires = (await page.context().cookies()).find((c) => c.name === 'consent_relay')!.expires * 1000;
    expect(Math.abs(expires - (Date.now() + 365 * 86_400_000))).toBeLessThan(2 * 86_400_000);
  });

  test('US-TX: opt-out', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('US-TX') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-out', region: 'US-TX', regionSource: 'geo' });
    await expect(action(page, 'opt-out')).toBeVisible();
  });

  for (const value of [true, '1', 'true']) {
    test(`US-CA with GPC ${JSON.stringify(value)}: honoured, shown, then overridden by an explicit accept`, async ({
      page,
    }) => {
      await sendGpc(page, value);
      await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') } }));
      const s = await ready(page);
      expect(s).toMatchObject({ regime: 'opt-out', decided: false, source: 'signal', gpc: true });
      expect(s.categories.analytics).toBe(false);
      expect(await has(page, 'analytics')).toBe(false);
      await expect(banner(page).locator('[data-cr="signal-notice"]')).toBeVisible();
      await expect(banner(page).locator('[data-cr="signal-notice"]')).toContainText('Global Privacy Control');

      await action(page, 'accept-all').click();
      await expect(banner(page)).toBeHidden();
      expect(await has(page, 'analytics')).toBe(true);
      const c = await page.evaluate(() => window.ConsentRelay!.getConsent());
      expect(c).toMatchObject({ decided: true, source: 'banner' });
      const cookie = await consentCookie(page);
      expect(cookie).toMatchObject({ sig: 1, c: { analytics: true }, rgm: 'opt-out', reg: 'US-CA' });
      await expect
        .poll(
          async () => ((await storedConsent(page)) as { record?: { id: string; sig?: number } } | undefined)?.record,
        )
        .toMatchObject({ id: cookie.id, sig: 1 });
      // the explicit choice still stands on the next page, GPC or not
      await page.reload();
      expect(await ready(page)).toMatchObject({ decided: true, source: 'banner', categories: { analytics: true } });
      await expect(banner(page)).toHaveCount(0);
    });
  }

  test('US-CA: a GPC signal that appears after an accept is honoured over it, from the first line; a new accept then stands', async ({
    page,
  }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') } }));
    await ready(page);
    await action(page, 'accept-all').click();
    expect(await has(page, 'analytics')).toBe(true);
    expect(await consentCookie(page)).not.toHaveProperty('sig');

    // The visitor turns GPC on (a browser setting, an extension) and comes back.
    await sendGpc(page);
    // the page's first script line, before ready (a synchronous tag)
    const body = `<script>window.__firstLine = window.ConsentRelay.hasConsent('analytics');</script>`;
    await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') }, load: 'sync', body }));
    const s = await ready(page);
    expect(s).toMatchObject({
      decided: true,
      source: 'signal',
      gpc: true,
      categories: { necessary: true, analytics: false, telemetry: false },
    });
    expect(await page.evaluate(() => (window as any).__firstLine)).toBe(false);
    await expect(banner(page)).toHaveCount(0);
    // shown as such: the panel says the signal was honoured
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(prefs(page).locator('[data-cr="signal-notice"]')).toContainText('Global Privacy Control');
    await expect(prefs(page).locator('[data-cr-category="analytics"]')).not.toBeChecked();

    // Consenting again with the signal on is the visitor's explicit word despite it: it stands.
    await prefs(page).locator('[data-cr-action="accept-all"]').click();
    expect(await consentCookie(page)).toMatchObject({ sig: 1, c: { analytics: true } });
    await page.reload();
    expect(await ready(page)).toMatchObject({ source: 'preferences', categories: { analytics: true } });
  });

  for (const value of [false, '0']) {
    test(`US-CA with GPC ${JSON.stringify(value)}: no signal`, async ({ page }) => {
      await sendGpc(page, value);
      await page.goto(testPage({ config: { geoEndpoint: geo('US-CA') } }));
      expect(await ready(page)).toMatchObject({
        regime: 'opt-out',
        source: 'default',
        gpc: false,
        categories: { analytics: true },
      });
      await expect(page.locator('[data-cr="signal-notice"]')).toHaveCount(0);
    });
  }

  test('AU (no law requires GPC) with GPC but honorGlobalPrivacyControl: false: defaults stay on', async ({ page }) => {
    await sendGpc(page);
    await page.goto(testPage({ config: { geoEndpoint: geo('AU'), honorGlobalPrivacyControl: false } }));
    expect(await ready(page)).toMatchObject({ regime: 'notice', source: 'default', categories: { analytics: true } });
    await expect(page.locator('[data-cr="signal-notice"]')).toHaveCount(0);
  });

  test('EU with GPC: stays opt-in (signal does not change the regime), no signal source', async ({ page }) => {
    await sendGpc(page);
    await page.goto(testPage({ config: { geoEndpoint: geo('EU') } }));
    const s = await ready(page);
    expect(s).toMatchObject({ regime: 'opt-in', source: 'default', gpc: true });
    expect(s.categories.analytics).toBe(false);
    await expect(action(page, 'reject-all')).toBeVisible();
  });

  test('AU: notice with OK and Preferences, defaults on', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('AU') } }));
    const s = await ready(page);
    expect(s).toMatchObject({ regime: 'notice', region: 'AU', regionSource: 'geo', source: 'default' });
    await expect(action(page, 'ok')).toBeVisible();
    await expect(action(page, 'preferences')).toBeVisible();
    await expect(action(page, 'accept-all')).toHaveCount(0);
    await expect(action(page, 'reject-all')).toHaveCount(0);
    expect(await has(page, 'analytics')).toBe(true);
    await action(page, 'ok').click();
    await expect(banner(page)).toBeHidden();
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent())).toMatchObject({
      decided: true,
      categories: { analytics: true },
    });
  });

  test('AU with Do Not Track: notice, non-essential off, DNT shown', async ({ page }) => {
    await sendDnt(page);
    await page.goto(testPage({ config: { geoEndpoint: geo('AU') } }));
    const s = await ready(page);
    expect(s).toMatchObject({ regime: 'notice', source: 'signal', dnt: true });
    expect(s.categories).toEqual({ necessary: true, analytics: false, telemetry: false });
    await expect(banner(page).locator('[data-cr="signal-notice"]')).toContainText('not to be tracked');
    // OK keeps the shown defaults: it is not "accept all".
    await action(page, 'ok').click();
    await expect(banner(page)).toBeHidden();
    expect(await has(page, 'analytics')).toBe(false);
  });

  test('unknown (XX) with no usable zone: opt-in, region unknown', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('unknown') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: null, regionSource: 'unknown' });
    await expect(action(page, 'reject-all')).toBeVisible();
    expect(await has(page, 'analytics')).toBe(false);
  });

  test('CA-QC: opt-in', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('CA-QC') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'CA-QC', regionSource: 'geo' });
    await expect(action(page, 'reject-all')).toBeVisible();
  });

  test('an ISO code straight from the geo endpoint (BR): opt-in', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('BR') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'BR', regionSource: 'geo' });
  });

  test('config region US-CA wins without asking the geo endpoint', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/geo') && asked.push(r.url()));
    await page.goto(testPage({ config: { region: 'US-CA', geoEndpoint: geo('EU') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-out', region: 'US-CA', regionSource: 'config' });
    expect(asked).toEqual([]);
  });
});

test.describe('language fallback', () => {
  test.use({ locale: 'fr-CA' });

  test('no time zone at all (Intl gives none): the region of navigator.languages decides', async ({ page }) => {
    await page.addInitScript(() => {
      const orig = Intl.DateTimeFormat.prototype.resolvedOptions;
      Intl.DateTimeFormat.prototype.resolvedOptions = function () {
        return { ...orig.call(this), timeZone: undefined as unknown as string };
      };
    });
    await page.goto(testPage({ config: { geoEndpoint: geo('fail'), language: 'en' } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-out', region: 'CA', regionSource: 'language' });
  });
});

test.describe('time-zone fallback: Australia/Sydney', () => {
  test.use({ timezoneId: 'Australia/Sydney' });

  test('slow geo answer ignored after geoTimeoutMs: notice from the zone', async ({ page }) => {
    // the slow answer takes 4 s; ready must not wait for it. Measured against the answer itself, not the wall clock
    // (on a loaded machine the page alone can take seconds).
    let answered = false;
    page.on('requestfinished', (r) => {
      if (r.url().includes('/api/geo')) answered = true;
    });
    await page.goto(testPage({ config: { geoEndpoint: geo('slow'), geoTimeoutMs: 300 } }));
    const s = await ready(page);
    expect(answered).toBe(false);
    expect(s).toMatchObject({ regime: 'notice', region: null, regionSource: 'timezone' });
    await expect(action(page, 'ok')).toBeVisible();
  });

  test('failing geo endpoint: the zone decides', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('fail') } }));
    expect(await ready(page)).toMatchObject({ regime: 'notice', regionSource: 'timezone' });
  });
});

test.describe('time-zone fallback: Europe/Paris', () => {
  test.use({ timezoneId: 'Europe/Paris' });

  test('slow geo answer ignored: opt-in from the zone', async ({ page }) => {
    await page.goto(testPage({ config: { geoEndpoint: geo('slow'), geoTimeoutMs: 300 } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'FR', regionSource: 'timezone' });
    await expect(action(page, 'reject-all')).toBeVisible();
  });

  test('failing geo endpoint: opt-in from the zone, the failure reported', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(testPage({ config: { geoEndpoint: geo('fail') } }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'FR', regionSource: 'timezone' });
    expect(errors.some((e) => e.includes('geoEndpoint'))).toBe(true);
  });

  test('no geo endpoint at all: the zone decides', async ({ page }) => {
    await page.goto(testPage({ config: {} }));
    expect(await ready(page)).toMatchObject({ regime: 'opt-in', region: 'FR', regionSource: 'timezone' });
  });
});
