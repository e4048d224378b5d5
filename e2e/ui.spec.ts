import { expect, test, type Page } from '@playwright/test';
import {
  action,
  banner,
  consentCookie,
  focused,
  geo,
  prefs,
  ready,
  record,
  setConsentCookie,
  styleOf,
  testPage,
} from './helpers';

test.use({ timezoneId: 'UTC' });

const EU = { geoEndpoint: geo('EU') };
const has = (page: Page, id: string) => page.evaluate((c) => window.ConsentRelay!.hasConsent(c), id);
const dialog = (page: Page) => page.locator('#consent-relay dialog[data-cr="preferences"]');

test.describe('preferences dialog', () => {
  test('opens from the banner, takes and traps focus, Escape closes and returns focus to the opener', async ({
    page,
  }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    await action(page, 'preferences').click();
    await expect(dialog(page)).toBeVisible();
    await expect(banner(page)).toBeHidden();
    expect(await focused(page)).toMatchObject({ tag: 'input', category: 'analytics', inDialog: true });

    // close, necessary's and analytics' disclosures (summary), analytics' switch, save, accept, reject: 7 stops
    // (no telemetry configured, so no telemetry category); go round more than twice both ways
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f?.inDialog, `Tab #${i + 1} left the dialog: ${JSON.stringify(f)}`).toBe(true);
      seen.add(f!.action || f!.category || f!.tag);
    }
    expect([...seen].sort()).toEqual(['accept-all', 'analytics', 'close', 'reject-all', 'save', 'summary']);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page))?.inDialog).toBe(true);
    }

    await page.keyboard.press('Escape');
    await expect(prefs(page)).toHaveCount(0);
    // no decision was made: the banner is back, and focus is on its Preferences button
    await expect(banner(page)).toBeVisible();
    expect(await focused(page)).toMatchObject({ action: 'preferences', inDialog: false });
    expect((await page.evaluate(() => window.ConsentRelay!.getConsent())).decided).toBe(false);
  });

  test('opened by the page (no user activation), Escape still closes it through the store', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(prefs(page)).toHaveCount(0);
    await expect(banner(page)).toBeVisible();
    // and it opens again
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(dialog(page)).toBeVisible();
  });

  test('the close button also returns to the banner', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    await action(page, 'preferences').click();
    await prefs(page).locator('[data-cr-action="close"]').click();
    await expect(prefs(page)).toHaveCount(0);
    await expect(banner(page)).toBeVisible();
  });

  test('necessary is checked and disabled; saving with analytics on records exactly that', async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    await action(page, 'preferences').click();
    const necessary = prefs(page).locator('[data-cr-category="necessary"]');
    await expect(necessary).toBeChecked();
    await expect(necessary).toBeDisabled();
    await prefs(page).locator('[data-cr-category="analytics"]').check();
    await prefs(page).locator('[data-cr-action="save"]').click();
    await expect(prefs(page)).toHaveCount(0);
    await expect(banner(page)).toHaveCount(0);
    expect(await has(page, 'analytics')).toBe(true);
    expect(await has(page, 'telemetry')).toBe(false);
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent().source)).toBe('preferences');
    await expect
      .poll(async () => (await consentCookie(page))?.c)
      .toEqual({ necessary: true, analytics: true, telemetry: false });
  });

  test('a data-consent-relay-open link opens it, Escape returns focus to the link', async ({ page }) => {
    await page.goto(
      testPage({
        config: EU,
        body: '<footer><a href="#prefs" id="open" data-consent-relay-open>Cookie Preferences</a></footer>',
      }),
    );
    await ready(page);
    await page.locator('#open').click();
    await expect(dialog(page)).toBeVisible();
    // the link's default navigation is prevented
    expect(new URL(page.url()).hash).toBe('');
    await page.keyboard.press('Escape');
    await expect(prefs(page)).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open');
  });

  test('a returning visitor (no banner) opens it from the link and sees the stored choices', async ({
    page,
    baseURL,
  }) => {
    await setConsentCookie(page, baseURL!, record({ c: { necessary: true, analytics: true, telemetry: false } }));
    await page.goto(
      testPage({
        config: EU,
        body: '<button id="open" data-consent-relay-open><span>Cookie Preferences</span></button>',
      }),
    );
    await ready(page);
    await expect(banner(page)).toHaveCount(0);
    await page.locator('#open span').click();
    await expect(dialog(page)).toBeVisible();
    await expect(prefs(page).locator('[data-cr-category="analytics"]')).toBeChecked();
    // no telemetry configured: the default telemetry category is not shown
    await expect(prefs(page).locator('[data-cr-category="telemetry"]')).toHaveCount(0);
    await prefs(page).locator('[data-cr-action="reject-all"]').click();
    await expect(prefs(page)).toHaveCount(0);
    await expect(banner(page)).toHaveCount(0);
    expect(await has(page, 'analytics')).toBe(false);
  });
});

test('an inline Cookie Preferences panel renders in place, not as a dialog, and saves', async ({ page }) => {
  await page.goto(
    testPage({ config: EU, body: '<h2>Cookie Preferences</h2><div id="panel" data-consent-relay-preferences></div>' }),
  );
  await ready(page);
  const panel = page.locator('#panel [data-cr="preferences"]');
  await expect(panel).toBeVisible();
  expect(await panel.evaluate((el) => el.tagName)).not.toBe('DIALOG');
  await expect(page.locator('dialog')).toHaveCount(0);
  await expect(panel.locator('[data-cr-category="analytics"]')).not.toBeChecked();
  await panel.locator('[data-cr-category="analytics"]').check();
  await panel.locator('[data-cr-action="save"]').click();
  await expect.poll(() => has(page, 'analytics')).toBe(true);
  expect(await has(page, 'telemetry')).toBe(false);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Your choices have been saved.');
  await expect(banner(page)).toBeHidden();
});

test('a Cookie Preferences page shows no banner over its inline panel: the panel is the choice, every button reachable', async ({
  page,
}) => {
  // A long panel (telemetry log and preview) in a short viewport: a fixed banner would cover its buttons.
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(
    testPage({
      config: { ...EU, telemetry: { endpoint: '/api/collector/reports?t=inline-nobanner', sendUsageFrom: 'browser' } },
      body: '<div id="panel" data-consent-relay-preferences></div>',
    }),
  );
  await ready(page);
  const panel = page.locator('#panel [data-cr="preferences"]');
  await expect(panel.locator('[data-cr="telemetry-preview"]')).toBeAttached();
  await expect(banner(page)).toHaveCount(0);
  await panel.locator('[data-cr-category="analytics"]').check();
  await panel.locator('[data-cr-action="save"]').click({ timeout: 5000 });
  await expect.poll(() => has(page, 'analytics')).toBe(true);
});

test('a single-page app that takes the inline panel away gets the banner back for an undecided visitor', async ({
  page,
}) => {
  await page.goto(testPage({ config: EU, body: '<div id="panel" data-consent-relay-preferences></div>' }));
  await ready(page);
  await expect(page.locator('#panel [data-cr="preferences"]')).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.evaluate(() => {
    document.getElementById('panel')!.remove();
    window.ConsentRelay!.showBanner();
  });
  await expect(banner(page)).toBeVisible();
  await action(page, 'reject-all').click();
  await expect(banner(page)).toBeHidden();
});

test('config label and description are text, never HTML', async ({ page }) => {
  const evil = '<img src=x onerror="window.__xss=1">';
  await page.goto(
    testPage({
      config: {
        ...EU,
        categories: [{ id: 'necessary' }, { id: 'analytics', label: 'Stats ' + evil, description: 'Desc ' + evil }],
      },
    }),
  );
  await ready(page);
  await action(page, 'preferences').click();
  await expect(prefs(page)).toContainText('Stats ' + evil);
  await expect(prefs(page)).toContainText('Desc ' + evil);
  expect(
    await page.evaluate(() => document.getElementById('consent-relay')!.shadowRoot!.querySelectorAll('img').length),
  ).toBe(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test.describe('styles', () => {
  const props = ['background-color', 'color', 'font-size', 'font-weight', 'border-top-color', 'padding-top'];
  const btn = '[data-cr="banner"] [data-cr-action="accept-all"]';

  test("the page's CSS does not reach our buttons or text", async ({ page }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const clean = await styleOf(page, btn, props);
    const text = await styleOf(page, '[data-cr="banner"] p', ['color', 'font-size']);
    const head =
      '<style>button { background: red !important; font-size: 40px !important; padding: 30px } * { color: red } p { font-size: 30px }</style>';
    await page.goto(testPage({ config: EU, head }));
    await ready(page);
    await expect(banner(page)).toBeVisible();
    expect(await styleOf(page, btn, props)).toEqual(clean);
    expect(await styleOf(page, '[data-cr="banner"] p', ['color', 'font-size'])).toEqual(text);
    // and the page's own buttons still get its rules (ours do not leak out)
    await page.evaluate(() => document.body.appendChild(document.createElement('button')).setAttribute('id', 'mine'));
    expect(await styleOf(page, '#mine', ['background-color'])).toEqual({ 'background-color': 'rgb(255, 0, 0)' });
  });

  test('dark colour scheme changes the banner', async ({ page, browserName }) => {
    test.skip(
      browserName !== 'chromium',
      "Playwright's BiDi Firefox backend does not emulate prefers-color-scheme (Chromium covers the dark theme)",
    );
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const light = await styleOf(page, '[data-cr="banner"]', ['background-color', 'color']);
    expect(light['background-color']).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await styleOf(page, '[data-cr="banner"]', ['background-color', 'color']);
    expect(dark['background-color']).not.toBe(light['background-color']);
    expect(dark.color).not.toBe(light.color);
  });

  test('--cr-* custom properties on #consent-relay theme it', async ({ page }) => {
    await page.goto(
      testPage({
        config: EU,
        head: '<style>#consent-relay { --cr-bg: rgb(1, 2, 3); --cr-accent: rgb(0, 100, 0) }</style>',
      }),
    );
    await ready(page);
    expect(await styleOf(page, '[data-cr="banner"]', ['background-color'])).toEqual({
      'background-color': 'rgb(1, 2, 3)',
    });
    expect((await styleOf(page, btn, ['background-color']))['background-color']).toBe('rgb(0, 100, 0)');
  });
});
