import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { action, banner, consoleErrors, ready, testPage, type PageOptions } from './helpers';

/** The banner in an opt-in region (DE), so accept-all, reject-all and preferences are all there. */
const page$ = (o: PageOptions = {}, src?: string) =>
  testPage({ config: { region: 'DE', ...(o.config as object) }, ...o }) +
  (src ? '&src=' + encodeURIComponent(src) : '');

const bannerLang = (page: Page) => banner(page).getAttribute('lang');

test.describe('language: auto from navigator.languages', () => {
  for (const [locale, lang, accept] of [
    ['fr-CA', 'fr-CA', /accepter/i],
    ['pt-BR', 'pt-BR', /aceitar/i],
    ['zh-TW', 'zh-TW', /接受/],
    ['de-AT', 'de', /akzeptieren/i],
    ['ar-EG', 'ar', /قبول|موافق/],
  ] as const) {
    test.describe(locale, () => {
      test.use({ locale });
      test(`shows ${lang}`, async ({ page }) => {
        await page.goto(page$());
        await expect(banner(page)).toBeVisible();
        expect(await bannerLang(page)).toBe(lang);
        await expect(action(page, 'accept-all')).toHaveText(accept);
        expect((await ready(page)).language).toBe(lang);
      });
    });
  }

  test.describe('an unshipped language', () => {
    test.use({ locale: 'sw-KE' });
    test('falls back to English without fetching a pack', async ({ page }) => {
      const packs: string[] = [];
      page.on('request', (r) => r.url().includes('/i18n/') && packs.push(r.url()));
      await page.goto(page$());
      await expect(action(page, 'accept-all')).toHaveText('Accept all');
      expect(await bannerLang(page)).toBe('en');
      expect(packs).toEqual([]);
    });
    test('<html lang> is the next choice', async ({ page }) => {
      await page.goto(page$({ lang: 'it' }));
      await expect(action(page, 'accept-all')).toHaveText(/accetta/i);
    });
  });
});

test.describe('language: explicit and overridden', () => {
  test.use({ locale: 'en-US' });
  test('an explicit language wins over the browser', async ({ page }) => {
    await page.goto(page$({ config: { language: 'de' } }));
    await expect(action(page, 'accept-all')).toHaveText(/akzeptieren/i);
    expect(await bannerLang(page)).toBe('de');
  });
  test('translations override a shipped pack, key by key', async ({ page }) => {
    await page.goto(page$({ config: { language: 'fr', translations: { fr: { acceptAll: 'Oui à tout' } } } }));
    await expect(action(page, 'accept-all')).toHaveText('Oui à tout');
    await expect(action(page, 'reject-all')).toHaveText(/refuser/i);
  });
  test('translations supply a language we do not ship; missing keys are English', async ({ page }) => {
    await page.goto(page$({ config: { language: 'sw', translations: { sw: { acceptAll: 'Kubali zote' } } } }));
    await expect(action(page, 'accept-all')).toHaveText('Kubali zote');
    await expect(action(page, 'reject-all')).toHaveText('Reject all');
  });
  test('receipts record the language the visitor read', async ({ page, request }) => {
    const tag = 'i18n-' + Date.now();
    await page.goto(page$({ config: { language: 'nl', receiptEndpoint: `/api/collector/receipts?t=${tag}` } }));
    await action(page, 'reject-all').click();
    await expect.poll(async () => (await (await request.get(`/api/collector?t=${tag}`)).json()).length).toBe(1);
    const [r] = await (await request.get(`/api/collector?t=${tag}`)).json();
    expect(r.body.language).toBe('nl');
  });
});

test.describe('language packs that fail', () => {
  test.use({ locale: 'fr-FR' });
  for (const kind of ['missing', 'malformed'] as const) {
    test(`a ${kind} pack: console.error and English`, async ({ page }) => {
      const errors = consoleErrors(page);
      await page.goto(page$({}, `/__variant/${kind}/consent-relay.js`));
      await expect(action(page, 'accept-all')).toHaveText('Accept all');
      expect(await bannerLang(page)).toBe('en');
      expect(
        errors.some((e) => e.includes('language pack') && e.includes('/__variant/' + kind + '/i18n/fr.json')),
      ).toBe(true);
      expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
  }
  test('a slow pack: the banner shows in English after the wait, not never', async ({ page }) => {
    await page.goto(page$({}, '/__variant/slow/consent-relay.js'));
    const t0 = Date.now();
    await expect(action(page, 'accept-all')).toHaveText('Accept all', { timeout: 2900 });
    expect(Date.now() - t0).toBeLessThan(2900);
  });
  test('a slow pack still arrives: the banner switches to the visitor language then (not English for good)', async ({
    page,
  }) => {
    await page.goto(page$({}, '/__variant/slow/consent-relay.js'));
    await expect(action(page, 'accept-all')).toHaveText('Accept all');
    // the demo server holds the pack back 3 s; the drop-in keeps listening for it up to 15 s
    await expect(action(page, 'accept-all')).toHaveText(/accepter/i, { timeout: 10_000 });
    expect(await bannerLang(page)).toBe('fr');
  });
  test('packs are found beside the script, wherever it is served from', async ({ page }) => {
    const packs: string[] = [];
    page.on('request', (r) => r.url().includes('/i18n/') && packs.push(new URL(r.url()).pathname));
    await page.goto(page$({}, '/dist/consent-relay.js'));
    await expect(action(page, 'accept-all')).toHaveText(/accepter/i);
    expect(packs).toEqual(['/dist/i18n/fr.json']);
  });
});

test.describe('right to left', () => {
  test.use({ locale: 'he-IL' });
  test('Hebrew renders rtl, mirrored, with the banner and dialog declaring it', async ({ page }) => {
    test.setTimeout(120_000); // axe on a loaded machine
    await page.goto(page$());
    await expect(banner(page)).toBeVisible();
    expect(await banner(page).getAttribute('dir')).toBe('rtl');
    expect(await bannerLang(page)).toBe('he');
    // Mirrored: in rtl the first action (accept) sits to the right of the second (reject).
    const a = await action(page, 'accept-all').boundingBox();
    const r = await action(page, 'reject-all').boundingBox();
    expect(a!.x).toBeGreaterThan(r!.x);
    await action(page, 'preferences').click();
    const dialog = page.locator('[data-cr="preferences"]');
    await expect(dialog).toBeVisible();
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0])
      .include('#consent-relay')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

test.describe('small screens', () => {
  test.use({ locale: 'de-DE', viewport: { width: 320, height: 640 } });
  test('320 px: every button reachable without horizontal scrolling', async ({ page }) => {
    await page.goto(page$());
    await expect(banner(page)).toBeVisible();
    for (const name of ['accept-all', 'reject-all', 'preferences']) {
      const b = await action(page, name).boundingBox();
      expect(b!.x).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width).toBeLessThanOrEqual(320);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await action(page, 'preferences').click();
    const save = page.locator('[data-cr="preferences"] [data-cr-action="save"]');
    await save.scrollIntoViewIfNeeded();
    const s = await save.boundingBox();
    expect(s!.x + s!.width).toBeLessThanOrEqual(320);
  });
  test('200 % zoom of a 640×480 window (320×240 CSS px): the banner scrolls, buttons stay reachable', async ({
    browser,
  }) => {
    const ctx = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 320, height: 240 },
      deviceScaleFactor: 2,
    });
    const page = await ctx.newPage();
    await page.goto(page$());
    for (const name of ['accept-all', 'reject-all', 'preferences']) {
      const btn = action(page, name);
      await btn.scrollIntoViewIfNeeded();
      await expect(btn).toBeInViewport();
    }
    await action(page, 'reject-all').click();
    await expect(banner(page)).toBeHidden();
    await ctx.close();
  });
});

test.describe('Arabic in dark mode, reduced motion, forced colours', () => {
  test.use({ locale: 'ar-EG' });
  test('axe clean in dark rtl; no animation; buttons keep a border in forced colours', async ({ page }) => {
    test.setTimeout(120_000); // axe on a loaded machine
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.goto(page$());
    await expect(banner(page)).toBeVisible();
    expect(await banner(page).getAttribute('dir')).toBe('rtl');
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    expect(await banner(page).evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0])
      .include('#consent-relay')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.emulateMedia({ forcedColors: 'active' });
    const border = await action(page, 'accept-all').evaluate(
      (el) => getComputedStyle(el).borderTopStyle + ' ' + getComputedStyle(el).borderTopWidth,
    );
    expect(border).toBe('solid 2px');
  });
});
