#!/usr/bin/env node
/**
 * The README's pictures (docs/*.png), taken with Playwright in Chromium from the built drop-in on the demo server:
 *
 *   npm run build && npx vite --config demo/vite.config.ts --port 5173 &   # or `npm run demo`
 *   node scripts/docs-screenshots.mjs [http://127.0.0.1:5173]
 *
 * CHROMIUM_PATH picks the browser (else Playwright's own, else /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.argv[2] || 'http://127.0.0.1:5173';
const own = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
})();
const executablePath = process.env.CHROMIUM_PATH || (own && existsSync(own) ? undefined : '/usr/bin/chromium');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });

const page$ = (config) =>
  `${base}/__test/page?` + new URLSearchParams({ config: JSON.stringify(config), via: 'json', load: 'async' });
const TELEMETRY = { endpoint: '/api/collector/reports?t=docs', sendUsageFrom: 'browser' };
const CATEGORIES = [
  { id: 'necessary', required: true, cookies: [{ name: 'consent_relay', purpose: 'Remembers your choice' }] },
  { id: 'analytics', cookies: [{ name: '_ga', purpose: 'Counts visits' }] },
  { id: 'telemetry' },
];

async function shot(name, { width, height, scheme = 'light', locale = 'en-US', config, panel = false, clip }) {
  const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, locale, timezoneId: 'UTC' });
  const page = await ctx.newPage();
  await page.goto(page$(config));
  await page.evaluate(() => window.ConsentRelay.ready);
  if (panel) await page.evaluate(() => window.ConsentRelay.showPreferences());
  await page.waitForTimeout(300);
  const sel = panel ? 'dialog' : '[data-cr="banner"]';
  const box = clip && (await page.locator(`#consent-relay ${sel}`).boundingBox());
  const pad = 12;
  await page.screenshot({
    path: `docs/${name}.png`,
    animations: 'disabled',
    caret: 'hide',
    ...(box && {
      clip: {
        x: Math.max(0, box.x - pad),
        y: Math.max(0, box.y - pad),
        width: Math.min(width, box.width + 2 * pad),
        height: Math.min(height - Math.max(0, box.y - pad), box.height + 2 * pad),
      },
    }),
  });
  await ctx.close();
  console.log(`docs/${name}.png`);
}

const eu = { region: 'DE', categories: CATEGORIES, telemetry: TELEMETRY };
await shot('banner-light', { width: 1280, height: 800, config: { region: 'DE' }, clip: true });
await shot('banner-dark', { width: 1280, height: 800, scheme: 'dark', config: { region: 'DE' }, clip: true });
await shot('banner-corner', { width: 1280, height: 800, config: { region: 'DE', layout: 'corner' }, clip: true });
await shot('banner-phone', { width: 360, height: 740, config: { region: 'US-CA' } });
await shot('panel-light', { width: 1280, height: 800, config: eu, panel: true, clip: true });
await shot('panel-dark', { width: 1280, height: 800, scheme: 'dark', config: eu, panel: true, clip: true });
await shot('panel-phone', { width: 360, height: 740, config: eu, panel: true });
await browser.close();
