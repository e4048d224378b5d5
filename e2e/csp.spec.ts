import { expect, test } from '@playwright/test';
import { action, banner, consoleErrors, geo, prefs, ready, styleOf, testPage } from './helpers';

test.use({ timezoneId: 'UTC' });

test("under script-src 'self'; style-src 'self' the banner shows styled, with no CSP violation", async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const errors = consoleErrors(page);
  const res = await page.goto(testPage({ config: { geoEndpoint: geo('EU') }, via: 'json', csp: true }));
  expect(res!.headers()['content-security-policy']).toContain("style-src 'self'");
  expect((await ready(page)).regime).toBe('opt-in');
  await expect(banner(page)).toBeVisible();
  const s = await styleOf(page, '[data-cr="banner"]', ['position', 'background-color', 'z-index']);
  expect(s).toEqual({ position: 'fixed', 'background-color': 'rgb(255, 255, 255)', 'z-index': '2147483647' });
  // 2.75em of the banner's 15 px (0.9375 of the default 16 px): sizes in em, from the sheet
  expect((await styleOf(page, '[data-cr-action="accept-all"]', ['min-height']))['min-height']).toBe('41.25px');

  // the dialog too
  await action(page, 'preferences').click();
  await expect(prefs(page)).toBeVisible();
  expect(
    (await styleOf(page, 'dialog[data-cr="preferences"]', ['border-top-left-radius']))['border-top-left-radius'],
  ).toBe('9.375px');
  await prefs(page).locator('[data-cr-action="accept-all"]').click();
  expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);

  expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|pageerror/.test(e))).toEqual([]);
});

test('the CSP check itself works: an inline style attribute is reported', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(e.violatedDirective));
  });
  await page.goto(testPage({ config: { region: 'DE' }, csp: true, body: '<p style="color: red">inline</p>' }));
  await ready(page);
  await expect.poll(() => page.evaluate(() => (window as any).__csp)).toContain('style-src-attr');
});
