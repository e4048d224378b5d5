import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { banner, prefs, ready, testPage } from './helpers';

/**
 * Screenshot tests: a layout break is a red test. Chromium only (playwright.config.ts), against the images in
 * e2e/__screenshots__/ — update them deliberately: `npx playwright test e2e/screenshots.spec.ts --update-snapshots`,
 * then look at every changed image before committing it. Deterministic: no animation, no caret, the system's fonts
 * (Debian's fonts-dejavu and fonts-liberation), no time or random id on screen (the panel shows telemetry before any
 * consent: nothing sent, nothing counted).
 *
 * Host pages: a plain one, and ones with Bootstrap's and Tailwind's CSS (built here from node_modules, served by
 * routing: no CDN), since a host's global CSS is what breaks third-party widgets.
 */
const require = createRequire(import.meta.url);
const BOOTSTRAP = readFileSync(require.resolve('bootstrap/dist/css/bootstrap.min.css'), 'utf8');

const HOSTS = {
  plain: { head: '', body: '' },
  bootstrap: {
    head: '<link rel="stylesheet" href="/vendor/bootstrap.css">',
    body: '<div class="container py-4"><h2 class="display-6">Acme Observability</h2><p class="lead">Dashboards.</p><button class="btn btn-primary">Open</button> <input type="checkbox" class="form-check-input" checked></div>',
  },
  tailwind: {
    head: '<link rel="stylesheet" href="/vendor/tailwind.css">',
    body: '<div class="max-w-2xl mx-auto p-6"><h2 class="text-3xl font-bold text-slate-800">Acme Observability</h2><p class="text-lg text-slate-600">Dashboards.</p><button class="rounded bg-indigo-600 px-4 py-2 text-white">Open</button></div>',
  },
} as const;
type Host = keyof typeof HOSTS;

let tailwindCss = '';
/** Tailwind 3's preflight and the utilities the host markup uses, built as a Tailwind site would build them. */
async function tailwind(): Promise<string> {
  if (tailwindCss) return tailwindCss;
  const { default: postcss } = await import('postcss');
  const { default: tw } = await import('tailwindcss');
  const out = await postcss([tw({ content: [{ raw: HOSTS.tailwind.body, extension: 'html' }] })]).process(
    '@tailwind base; @tailwind components; @tailwind utilities;',
    { from: undefined },
  );
  return (tailwindCss = out.css);
}

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

interface Shot {
  region: string;
  host?: Host;
  layout?: 'bar' | 'box' | 'corner';
  telemetry?: boolean;
}
async function show(page: Page, { region, host = 'plain', layout, telemetry }: Shot) {
  await page.route('**/vendor/bootstrap.css', (r) => r.fulfill({ contentType: 'text/css', body: BOOTSTRAP }));
  const tw = host === 'tailwind' ? await tailwind() : '';
  await page.route('**/vendor/tailwind.css', (r) => r.fulfill({ contentType: 'text/css', body: tw }));
  const config: Record<string, unknown> = { region, ...(layout && { layout }) };
  if (telemetry) config.telemetry = { endpoint: '/api/collector/reports?t=screenshots', sendUsageFrom: 'browser' };
  await page.goto(testPage({ config, head: HOSTS[host].head, body: HOSTS[host].body }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  // the page's own fonts (none here) and ours are in before the picture
  await page.evaluate(() => document.fonts.ready);
}
const snap = (page: Page, name: string) =>
  expect(page).toHaveScreenshot(`${name}.png`, { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.002 });

async function openPanel(page: Page) {
  await page.evaluate(() => window.ConsentRelay!.showPreferences());
  await expect(prefs(page).locator('[data-cr="telemetry-log"]')).toBeAttached();
}

const REGIMES = [
  ['opt-in', 'DE'],
  ['opt-out', 'US-CA'],
  ['notice', 'AU'],
] as const;

test.describe('screenshots', () => {
  test.use({ timezoneId: 'UTC', locale: 'en-US', colorScheme: 'light' });

  for (const [regime, region] of REGIMES) {
    test(`banner, ${regime}: desktop and phone, light and dark`, async ({ page }) => {
      await page.setViewportSize(DESKTOP);
      await show(page, { region });
      await snap(page, `banner-${regime}-desktop-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await snap(page, `banner-${regime}-desktop-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(PHONE);
      await snap(page, `banner-${regime}-phone-light`);
    });
  }

  test('banner layouts: box and corner, desktop', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    for (const layout of ['box', 'corner'] as const) {
      await show(page, { region: 'DE', layout });
      await snap(page, `banner-${layout}-desktop-light`);
    }
  });

  test('panel: desktop and phone, light and dark, with the telemetry section', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await show(page, { region: 'DE', telemetry: true });
    await openPanel(page);
    await snap(page, 'panel-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'panel-desktop-dark');
    await page.setViewportSize(PHONE);
    await snap(page, 'panel-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await snap(page, 'panel-phone-light');
  });

  for (const host of ['bootstrap', 'tailwind'] as const) {
    test(`on a ${host} page: banner desktop and phone, panel`, async ({ page }) => {
      await page.setViewportSize(DESKTOP);
      await show(page, { region: 'DE', host, telemetry: true });
      await snap(page, `${host}-banner-desktop`);
      await openPanel(page);
      await snap(page, `${host}-panel-desktop`);
      await page.evaluate(() => window.ConsentRelay!.hide());
      await page.evaluate(() => window.ConsentRelay!.showBanner());
      await page.setViewportSize(PHONE);
      await expect(banner(page)).toBeVisible();
      await snap(page, `${host}-banner-phone`);
    });
  }
});

test.describe('screenshots, right to left', () => {
  test.use({ timezoneId: 'UTC', locale: 'ar-EG', colorScheme: 'light' });
  test('Arabic: banner on a phone, panel on a desktop', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await show(page, { region: 'DE', telemetry: true });
    await expect(banner(page)).toHaveAttribute('dir', 'rtl');
    await snap(page, 'rtl-banner-phone');
    await page.setViewportSize(DESKTOP);
    await openPanel(page);
    await snap(page, 'rtl-panel-desktop');
  });
});
