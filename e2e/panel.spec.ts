import { expect, test, type Page } from '@playwright/test';
import { action, banner, prefs, ready, styleOf, testPage } from './helpers';
import { open, tm, uid } from './telemetry-helpers';

test.use({ timezoneId: 'UTC' });

const CATEGORIES = [
  { id: 'necessary', required: true, cookies: [{ name: 'consent_relay', purpose: 'Remembers your choice' }] },
  { id: 'analytics', cookies: [{ name: '_ga', purpose: 'Counts visits' }, '/^_gid/'] },
  { id: 'telemetry' },
];
/** A panel with everything in it: cookies listed, telemetry sent once, counts waiting for the next report. */
async function fullPanel(page: Page, region = 'AU') {
  await open(page, {
    region,
    categories: CATEGORIES,
    telemetry: tm(uid('panel'), { sendUsageFrom: 'browser' }),
  });
  await page.evaluate(async () => {
    await window.ConsentRelay!.acceptAll();
    window.ConsentRelay!.telemetry.count('export.csv', 3);
    await window.ConsentRelay!.telemetry.flush();
    window.ConsentRelay!.telemetry.count('search', 2);
    window.ConsentRelay!.showPreferences();
  });
  await expect(prefs(page).locator('[data-cr="telemetry-log"] li')).toHaveCount(1);
}
const openAll = (page: Page) =>
  page.evaluate(() =>
    document
      .getElementById('consent-relay')!
      .shadowRoot!.querySelectorAll('details')
      .forEach((d) => {
        d.open = true;
      }),
  );

test('the title leads; categories are switches, each opening to its description and cookie table', async ({ page }) => {
  await fullPanel(page);
  const title = prefs(page).locator('h2');
  const tt = await title.evaluate((el) => getComputedStyle(el).fontWeight);
  const h3 = await prefs(page)
    .locator('h3')
    .evaluate((el) => [getComputedStyle(el).fontWeight, getComputedStyle(el).fontSize]);
  expect(Number(tt)).toBeGreaterThanOrEqual(Number(h3[0]));
  expect(parseFloat(await title.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThan(parseFloat(h3[1]));
  await expect(prefs(page).getByRole('switch', { name: 'Strictly necessary' })).toBeDisabled();
  await expect(prefs(page).getByRole('switch')).toHaveCount(3);
  await expect(prefs(page).getByRole('switch', { name: 'Analytics' })).toHaveAttribute('data-cr-category', 'analytics');

  const row = prefs(page).locator('li', { has: page.locator('[data-cr-category="analytics"]') });
  const table = row.locator('table');
  await expect(table).toBeHidden();
  await row.locator('summary').click();
  await expect(row).toContainText('Helps us understand how the site is used');
  await expect(table).toBeVisible();
  await expect(table.locator('th')).toHaveText(['Cookie', 'Purpose']);
  await expect(table.locator('tbody tr').first().locator('td')).toHaveText(['_ga', 'Counts visits']);
  await expect(table.locator('tbody tr').nth(1).locator('td').first()).toHaveText('/^_gid/');
  // opening the details changes nothing of the choice
  await expect(row.locator('[data-cr-category="analytics"]')).toBeChecked();
});

for (const [w, h] of [
  [1280, 800],
  [360, 740],
] as const) {
  test(`${w}×${h}: the actions stay on screen while the long body scrolls, and the close button too`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: w, height: h });
    await fullPanel(page);
    await openAll(page);
    const dialog = prefs(page);
    // the body is longer than the screen: the test means something
    expect(await dialog.evaluate((d) => d.scrollHeight > d.clientHeight + 100)).toBe(true);
    for (const at of [0, 0.5, 1]) {
      await dialog.evaluate((d, f) => d.scrollTo(0, (d.scrollHeight - d.clientHeight) * f), at);
      for (const name of ['save', 'accept-all', 'reject-all', 'close'])
        await expect(dialog.locator(`[data-cr-action="${name}"]`)).toBeInViewport({ ratio: 0.95 });
    }
    await dialog.locator('[data-cr-action="reject-all"]').click();
    await expect(prefs(page)).toHaveCount(0);
  });
}

test('telemetry: folded below the categories, a readable summary, the exact JSON one click away', async ({ page }) => {
  await fullPanel(page);
  const section = prefs(page).locator('[data-cr="telemetry"]');
  const lastCategory = await prefs(page).locator('ul > li').last().boundingBox();
  expect((await section.boundingBox())!.y).toBeGreaterThan(lastCategory!.y);
  const preview = section.locator('[data-cr="telemetry-preview"]');
  const log = section.locator('[data-cr="telemetry-log"]');
  for (const d of [preview, log]) {
    await expect(d).toBeVisible();
    expect(await d.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
  }
  // status lines are sentences
  await expect(preview.locator('[data-cr-reason="not_due"]')).toHaveText('· The next report is not due yet');
  await expect(log.locator('summary').first()).toContainText('Sent');

  await preview.locator('summary').first().click();
  const host = new URL(page.url()).host;
  await expect(preview.locator('dl div').first()).toHaveText(`Sent to${host}`);
  await expect(preview.locator('dl')).toContainText('search 2');
  const pre = preview.locator('pre');
  await expect(pre).toBeHidden();
  await preview.getByText('Show exact data').click();
  await expect(pre).toBeVisible();
  expect(JSON.parse((await pre.textContent())!).ui.counts).toMatchObject({ search: 2 });

  await log.locator('summary').first().click();
  const entry = log.locator('li').first();
  await expect(entry).toContainText('Sent');
  await expect(entry.locator('dl div').first()).toHaveText(`Sent to${host}`);
  await expect(entry.locator('dl')).toContainText('/__test/page 1');
});

test.describe('Arabic', () => {
  test.use({ locale: 'ar-EG' });
  test('the exact JSON stays left to right, isolated, in a right-to-left panel', async ({ page }) => {
    await fullPanel(page);
    await expect(prefs(page)).toHaveAttribute('dir', 'rtl');
    await openAll(page);
    const pre = prefs(page).locator('[data-cr="telemetry-preview"] pre');
    await expect(pre).toBeVisible();
    expect(
      await pre.evaluate((el) => [getComputedStyle(el).direction, getComputedStyle(el).unicodeBidi, el.textContent]),
    ).toEqual(['ltr', 'isolate', expect.stringMatching(/^\{\n {2}"schema": 1,/)]);
    // the first line starts at the left edge of the box, as JSON reads
    const box = (await pre.boundingBox())!;
    const first = await pre.evaluate((el) => {
      const r = document.createRange();
      r.setStart(el.firstChild!, 0);
      r.setEnd(el.firstChild!, 1);
      return r.getBoundingClientRect().x;
    });
    expect(first - box.x).toBeLessThan(20);
  });
});

test('no telemetry configured: the default telemetry category is not offered, in the panel or the banner', async ({
  page,
}) => {
  await page.goto(testPage({ config: { region: 'DE' } }));
  await ready(page);
  await expect(page.locator('[data-cr="purposes"]')).toHaveText('Purposes: Analytics');
  await action(page, 'preferences').click();
  await expect(prefs(page).locator('[data-cr-category]')).toHaveCount(2);
  await expect(prefs(page)).not.toContainText('Product usage telemetry');
  // its state is still there for pages that read it, and refused like any other in an opt-in region
  expect(await page.evaluate(() => window.ConsentRelay!.getConsent().categories)).toEqual({
    necessary: true,
    analytics: false,
    telemetry: false,
  });

  // with telemetry configured, it is offered
  await page.goto(testPage({ config: { region: 'DE', telemetry: tm(uid('shown')) } }));
  await ready(page);
  await expect(page.locator('[data-cr="purposes"]')).toHaveText('Purposes: Analytics, Product usage telemetry');
  await action(page, 'preferences').click();
  await expect(prefs(page).locator('[data-cr-category="telemetry"]')).toBeVisible();
});

test("the inline Cookie Preferences panel keeps its text and switches off the container's edges", async ({ page }) => {
  await page.goto(
    testPage({
      config: { region: 'DE' },
      body: '<div id="panel" data-consent-relay-preferences style="width: 600px"></div>',
    }),
  );
  await ready(page);
  const panel = page.locator('#panel [data-cr="preferences"]');
  await expect(panel).toBeVisible();
  const outer = (await page.locator('#panel').boundingBox())!;
  for (const sel of ['h2', 'p', '[data-cr-category="analytics"]', '[data-cr-action="save"]']) {
    const b = (await panel.locator(sel).first().boundingBox())!;
    expect(b.x - outer.x, sel).toBeGreaterThanOrEqual(12);
    expect(outer.x + outer.width - (b.x + b.width), sel).toBeGreaterThanOrEqual(12);
  }
});

test("sizes follow the visitor's default font size, not the host's html { font-size } trick", async ({
  page,
  browserName,
}) => {
  const measure = async (head = '') => {
    await page.goto(testPage({ config: { region: 'DE' }, head }));
    await ready(page);
    const b = (await banner(page).boundingBox())!;
    const s = await styleOf(page, '[data-cr="banner"] p', ['font-size']);
    const box = (await action(page, 'accept-all').boundingBox())!;
    return { width: Math.round(b.width), text: s['font-size'], button: Math.round(box.height) };
  };
  const plain = await measure();
  expect(plain.text).toBe('15px');
  expect(await measure('<style>html { font-size: 62.5% }</style>')).toEqual(plain);
  expect(await measure('<style>html { font-size: 24px }</style>')).toEqual(plain);

  test.skip(browserName !== 'chromium', 'the default font size is set through the Chrome DevTools Protocol');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
  const big = await measure();
  expect(big.text).toBe('30px');
  expect(big.button).toBeGreaterThan(plain.button * 1.6);
});
