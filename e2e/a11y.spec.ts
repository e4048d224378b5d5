import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { action, banner, geo, prefs, ready, sendGpc, testPage } from './helpers';

// axe takes seconds per page on an idle machine and tens on a loaded 2-core one: the test sets its own time.
test.describe.configure({ timeout: 120_000 });

test.use({ timezoneId: 'UTC' });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// @axe-core/playwright types its Page from the top-level playwright-core, which may be another version than ours.
const axe = (page: Page) => new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0]);

async function violations(page: Page) {
  const r = await axe(page).include('#consent-relay').withTags(TAGS).analyze();
  // axe must have looked at our UI, or "no violations" means nothing
  expect(r.passes.length).toBeGreaterThan(5);
  return r.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [regime, as] of [
    ['opt-in', 'EU'],
    ['opt-out', 'US-CA'],
    ['notice', 'AU'],
  ] as const) {
    test(`axe: ${regime} banner and preferences dialog, ${scheme}`, async ({ page, browserName }) => {
      test.skip(
        scheme === 'dark' && browserName !== 'chromium',
        "Playwright's BiDi Firefox backend does not emulate prefers-color-scheme (Chromium covers the dark theme)",
      );
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      // the GPC notice is part of the opt-out banner a visitor may see
      if (regime === 'opt-out') await sendGpc(page);
      await page.goto(testPage({ config: { geoEndpoint: geo(as) } }));
      expect((await ready(page)).regime).toBe(regime);
      await expect(banner(page)).toBeVisible();
      expect(await violations(page)).toEqual([]);

      await action(page, 'preferences').click();
      await expect(prefs(page)).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }
}

test('axe: the reload notice, dark', async ({ page, browserName }) => {
  test.skip(
    browserName !== 'chromium',
    "Playwright's BiDi Firefox backend does not emulate prefers-color-scheme (Chromium covers the dark theme)",
  );
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  const body = '<script type="text/plain" data-consent-category="analytics">window.__a = 1</script>';
  await page.goto(testPage({ config: { region: 'DE' }, body }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await page.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
  await expect(page.locator('[data-cr="reload"]')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('axe: the inline Cookie Preferences panel', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(
    testPage({ config: { region: 'DE' }, body: '<div id="panel" data-consent-relay-preferences></div>' }),
  );
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await expect(page.locator('#panel [data-cr="preferences"]')).toBeVisible();
  const r = await axe(page).include('#panel').withTags(TAGS).analyze();
  expect(r.violations.map((v) => v.id)).toEqual([]);
});

test('the axe check sees inside our shadow root: a low-contrast theme is caught', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(
    testPage({ config: { region: 'DE' }, head: '<style>#consent-relay { --cr-muted: #ddd; --cr-fg: #ccc }</style>' }),
  );
  await ready(page);
  await expect(banner(page)).toBeVisible();
  expect((await violations(page)).map((v) => v.id)).toContain('color-contrast');
});
