import { expect, test, type Page } from '@playwright/test';
import { action, banner, consoleErrors, prefs, ready, testPage } from './helpers';
import { tm, uid } from './telemetry-helpers';

const REGIMES = [
  ['opt-in', 'DE', ['accept-all', 'reject-all', 'preferences']],
  ['opt-out', 'US-CA', ['accept-all', 'opt-out', 'preferences']],
  ['notice', 'AU', ['ok', 'preferences']],
] as const;

const goto = async (page: Page, config: Record<string, unknown>, head = '') => {
  await page.goto(testPage({ config, head }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
};

test.describe('a phone, 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const layout of ['bar', 'box', 'corner'] as const)
    for (const [regime, region] of REGIMES)
      test(`${layout}, ${regime}: the banner covers at most 35 % of the screen`, async ({ page }) => {
        // telemetry configured: the purposes line is as long as the default categories make it
        await goto(page, { region, layout, telemetry: tm(uid('phone')) });
        await expect(banner(page)).toHaveAttribute('data-cr-layout', layout);
        const b = (await banner(page).boundingBox())!;
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect((b.width * b.height) / (360 * 740)).toBeLessThanOrEqual(0.35);
      });

  for (const [regime, region, actions] of REGIMES)
    test(`body { zoom: 1.5 }, ${regime}: banner on screen, every action reachable, the dialog within the viewport`, async ({
      page,
    }) => {
      await goto(page, { region, telemetry: tm(uid('zoom')) }, '<style>body { zoom: 1.5 }</style>');
      const b = (await banner(page).boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(740.5);
      for (const name of actions) {
        await action(page, name).scrollIntoViewIfNeeded();
        await expect(action(page, name)).toBeInViewport({ ratio: 0.95 });
      }
      await action(page, 'preferences').click();
      for (const name of ['close', 'save', 'accept-all', 'reject-all'])
        await expect(prefs(page).locator(`[data-cr-action="${name}"]`)).toBeInViewport({ ratio: 0.95 });
      await prefs(page).locator('[data-cr-action="reject-all"]').click();
      await expect(prefs(page)).toHaveCount(0);
    });

  test('200 % text size: every action of the banner and the dialog stays reachable', async ({ page, browserName }) => {
    test.skip(browserName !== 'chromium', 'the default font size is set through the Chrome DevTools Protocol');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
    await goto(page, { region: 'US-CA', telemetry: tm(uid('text200')) });
    // the text did grow (the phone sheet's 0.875 of the default size), and the choice is still all there
    expect(
      await banner(page)
        .locator('p')
        .first()
        .evaluate((el) => getComputedStyle(el).fontSize),
    ).toBe('28px');
    for (const name of ['accept-all', 'opt-out', 'preferences']) {
      await action(page, name).scrollIntoViewIfNeeded();
      await expect(action(page, name)).toBeInViewport({ ratio: 0.95 });
    }
    await action(page, 'preferences').click();
    for (const name of ['close', 'reject-all']) {
      const el = prefs(page).locator(`[data-cr-action="${name}"]`);
      await el.scrollIntoViewIfNeeded();
      await expect(el).toBeInViewport({ ratio: 0.95 });
    }
    await prefs(page).locator('[data-cr-action="close"]').click();
    await expect(prefs(page)).toHaveCount(0);
  });

  test("a host's chat bubble at z-index 2147483647 does not cover Reject all", async ({ page }) => {
    const bubble =
      '<div id="chat" style="position:fixed;inset-inline-end:0;bottom:0;width:240px;height:240px;z-index:2147483647;background:red"></div>';
    await page.goto(testPage({ config: { region: 'DE' }, body: bubble }));
    await ready(page);
    const r = (await action(page, 'reject-all').boundingBox())!;
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.id,
      [r.x + r.width / 2, r.y + r.height / 2],
    );
    expect(hit).toBe('consent-relay');
    await action(page, 'reject-all').click({ timeout: 3000 });
    await expect(banner(page)).toBeHidden();
  });
});

test.describe('desktop, 1280 × 800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('bar spans the bottom edge; box is centred above it; corner sits in the inline-end corner', async ({ page }) => {
    await goto(page, { region: 'DE' });
    await expect(banner(page)).toHaveAttribute('data-cr-layout', 'bar');
    let b = (await banner(page).boundingBox())!;
    expect([b.x, Math.round(b.x + b.width), Math.round(b.y + b.height)]).toEqual([0, 1280, 800]);

    await goto(page, { region: 'DE', layout: 'box' });
    b = (await banner(page).boundingBox())!;
    expect(Math.abs(b.x - (1280 - b.x - b.width))).toBeLessThanOrEqual(1);
    expect(b.width).toBeLessThan(700);
    expect(800 - (b.y + b.height)).toBeGreaterThanOrEqual(8);

    await goto(page, { region: 'DE', layout: 'corner' });
    b = (await banner(page).boundingBox())!;
    expect(b.width).toBeLessThan(450);
    expect(1280 - (b.x + b.width)).toBeGreaterThanOrEqual(8);
    expect(1280 - (b.x + b.width)).toBeLessThanOrEqual(24);
  });

  test.describe('right to left', () => {
    test.use({ locale: 'he-IL' });
    test('corner mirrors to the left', async ({ page }) => {
      await goto(page, { region: 'DE', layout: 'corner' });
      await expect(banner(page)).toHaveAttribute('dir', 'rtl');
      const b = (await banner(page).boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(8);
      expect(b.x).toBeLessThanOrEqual(24);
    });
  });

  test('a bad layout is a console.error naming config.layout, and the bar', async ({ page }) => {
    const errors = consoleErrors(page);
    await goto(page, { region: 'DE', layout: 'popup' });
    await expect(banner(page)).toHaveAttribute('data-cr-layout', 'bar');
    expect(errors.join('\n')).toContain('config.layout');
  });
});
