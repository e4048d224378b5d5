import { expect, test } from '@playwright/test';
import { action, prefs, ready, testPage } from './helpers';
import { consoleOf, flush, getLog, open, reports, settle, tm, uid } from './telemetry-helpers';

const browser = (tag: string, over: Record<string, unknown> = {}) => tm(tag, { sendUsageFrom: 'browser', ...over });
const box = (page: import('@playwright/test').Page) => page.locator('input[data-cr-category="telemetry"]');
/** the telemetry category's row in the panel: its name, switch, and the operator's lock note */
const row = (page: import('@playwright/test').Page) => prefs(page).locator('li', { has: box(page) });

test.describe('telemetry: transparency in the preferences panel', () => {
  test('the panel shows the transmission log and the exact next payload', async ({ page, request }) => {
    const tag = uid('panel');
    await open(page, { region: 'AU', telemetry: browser(tag) });
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    const [r] = await reports(request, tag);
    await page.evaluate(() => window.ConsentRelay!.telemetry.count('after.send', 2));
    await page.evaluate(() => window.ConsentRelay!.showPreferences());

    const log = prefs(page).locator('[data-cr="telemetry-log"]');
    await expect(log.locator('li')).toHaveCount(1);
    await expect(log.locator('li').first()).toHaveAttribute('data-cr-status', 'sent');
    expect(JSON.parse((await log.locator('li pre').first().textContent()) || 'null')).toEqual(r.body);

    const preview = prefs(page).locator('[data-cr="telemetry-preview"]');
    // Folded below the choices: a summary line, then a readable account, then the exact JSON one click further.
    await expect(preview.locator('pre')).toBeHidden();
    await preview.locator('summary').first().click();
    await preview.getByText('Show exact data').click();
    await expect(preview.locator('pre')).toBeVisible();
    const shown = JSON.parse((await preview.locator('pre').textContent()) || 'null');
    const next = await page.evaluate(() => window.ConsentRelay!.telemetry.preview());
    expect(shown).toMatchObject({ schema: 1, source: 'browser', instanceId: r.body.instanceId, server: null });
    expect({ ...shown, sentAt: null }).toEqual({ ...next, sentAt: null });
    // The next payload holds what was counted since the last report, and only that.
    expect(shown.ui.counts).toEqual({ 'after.send': 2 });
    await expect(preview.locator('[data-cr-reason="not_due"]')).toBeVisible();
  });

  test('the log in the panel follows new transmissions while it is open', async ({ page }) => {
    const tag = uid('panel-live');
    await open(page, { region: 'DE', telemetry: browser(tag, { strategy: 'logging' }) });
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    const log = prefs(page).locator('[data-cr="telemetry-log"]');
    await expect(log).toBeVisible();
    await expect(log.locator('li')).toHaveCount(0);
    await action(page, 'accept-all', '[data-cr="preferences"]').click();
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(log.locator('li[data-cr-status="logged"]')).toHaveCount(1);
  });
});

test.describe('telemetry: the operator lock (allowChangingOptInStatus)', () => {
  for (const region of ['DE', 'US-CA', 'AU']) {
    test(`optIn false + lock holds the box off, disabled, with the reason (${region})`, async ({ page, request }) => {
      const tag = uid('lock-off');
      await open(page, { region, telemetry: browser(tag, { optIn: false, allowChangingOptInStatus: false }) });
      await page.evaluate(() => window.ConsentRelay!.showPreferences());
      await expect(box(page)).toBeDisabled();
      await expect(box(page)).not.toBeChecked();
      await expect(row(page)).toContainText('Turned off by the site operator.');
      // Accepting everything does not move a locked category.
      await action(page, 'accept-all', '[data-cr="preferences"]').click();
      expect(await page.evaluate(() => window.ConsentRelay!.getConsent().categories)).toMatchObject({
        analytics: true,
        telemetry: false,
      });
      expect(await flush(page)).toMatchObject({ reason: 'no_consent' });
      await settle(page, 300);
      expect(await reports(request, tag)).toEqual([]);
    });
  }

  for (const region of ['US-CA', 'AU']) {
    test(`optIn true + lock holds the box on outside opt-in regions (${region})`, async ({ page }) => {
      await open(page, {
        region,
        telemetry: browser(uid('lock-on'), { optIn: true, allowChangingOptInStatus: false }),
      });
      await page.evaluate(() => window.ConsentRelay!.showPreferences());
      await expect(box(page)).toBeDisabled();
      await expect(box(page)).toBeChecked();
      await expect(row(page)).toContainText('Kept on by the site operator.');
      await page.evaluate(() => window.ConsentRelay!.rejectAll());
      expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('telemetry'))).toBe(true);
    });
  }

  test('optIn true + lock never holds the box on in an opt-in region', async ({ page }) => {
    const tag = uid('lock-on-de');
    await open(page, { region: 'DE', telemetry: browser(tag, { optIn: true, allowChangingOptInStatus: false }) });
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    await expect(box(page)).toBeEnabled();
    await expect(box(page)).not.toBeChecked();
    await expect(row(page)).not.toContainText('site operator');
    expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('telemetry'))).toBe(false);
  });
});

test.describe('telemetry: disclosure at start (EventStoreDB)', () => {
  const disclosures = (infos: string[]) => infos.filter((m) => m.includes('Usage telemetry'));

  for (const [from, disclosure, panel] of [
    ['browser', /: this browser sends aggregated/, null],
    [
      'server',
      /when the server cannot send its own usage report, this browser sends/,
      'Only when the server cannot send its own usage report',
    ],
  ] as const) {
    test(`sendUsageFrom '${from}': the disclosure and the panel say when the browser sends`, async ({ page }) => {
      const infos = consoleOf(page, 'info');
      await open(page, { region: 'AU', telemetry: tm(uid('from-' + from), { sendUsageFrom: from }) });
      await settle(page, 200);
      expect(disclosures(infos)).toEqual([expect.stringMatching(disclosure)]);
      await page.evaluate(() => window.ConsentRelay!.showPreferences());
      const text = prefs(page).locator('[data-cr="telemetry"]');
      await expect(text.locator('[data-cr="telemetry-preview"]')).toBeVisible();
      if (panel) await expect(text.locator('> p.m')).toContainText(panel);
      else await expect(text).not.toContainText('Only when the server cannot');
    });
  }

  test('one console.info at start, naming where reports go', async ({ page }) => {
    const tag = uid('disclose');
    const infos = consoleOf(page, 'info');
    await open(page, { region: 'AU', telemetry: browser(tag) });
    await flush(page);
    await page.evaluate(() => window.ConsentRelay!.telemetry.flush());
    await settle(page, 300);
    expect(disclosures(infos)).toHaveLength(1);
    expect(disclosures(infos)[0]).toContain('127.0.0.1');
    expect(disclosures(infos)[0]).not.toMatch(/opted out/);
  });

  test('other text when the visitor opted out, and when the operator did', async ({ page }) => {
    const tag = uid('disclose-out');
    const infos = consoleOf(page, 'info');
    const config = { region: 'DE', telemetry: browser(tag) };
    await open(page, config);
    await page.evaluate(() => window.ConsentRelay!.rejectAll());
    await page.goto(testPage({ config }));
    await ready(page);
    await settle(page, 300);
    const d = disclosures(infos);
    expect(d).toHaveLength(2);
    // Not asked yet is not opted out.
    expect(d[0]).not.toMatch(/opted out/);
    expect(d[0]).toMatch(/unless you allow/);
    expect(d[1]).toMatch(/you have opted out/);
    expect(await getLog(page)).toEqual([]);

    infos.length = 0;
    await open(page, { region: 'AU', telemetry: browser(tag, { enabled: false }) });
    await settle(page, 300);
    expect(disclosures(infos)).toEqual([expect.stringMatching(/disabled by the operator/)]);
  });
});

test('the inline Cookie Preferences page shows the telemetry log and the next payload too', async ({ page }) => {
  await page.goto(
    testPage({
      config: {
        region: 'AU',
        telemetry: {
          endpoint: '/api/collector/reports?t=inline-tm',
          sendUsageFrom: 'browser',
          initialDelayMs: 0,
          intervalMs: 60_000,
        },
      },
      body: '<div data-consent-relay-preferences></div>',
    }),
  );
  const inline = page.locator('[data-consent-relay-preferences] [data-cr="preferences"]');
  await expect(inline).toBeVisible();
  await expect(inline.locator('[data-cr="telemetry-log"] li[data-cr-status="sent"]')).toHaveCount(1);
  await expect(inline.locator('[data-cr="telemetry-preview"]')).toBeVisible();
});
