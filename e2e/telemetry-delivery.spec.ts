import { expect, test } from '@playwright/test';
import { ready, testPage } from './helpers';
import {
  collectorRequests,
  consoleOf,
  flush,
  getLog,
  open,
  reports,
  settle,
  stored,
  statuses,
  tm,
  uid,
} from './telemetry-helpers';

/** The browser sends for itself: no server in the way. */
const browser = (tag: string, over: Record<string, unknown> = {}, fail?: string) =>
  tm(tag, { sendUsageFrom: 'browser', ...over }, fail);

test.describe('telemetry: delivery exactly once', () => {
  test('503 twice, then success: exactly one report, logged failed, failed, sent', async ({ page, request }) => {
    const tag = uid('retry');
    const sent = collectorRequests(page);
    await open(page, { region: 'AU', telemetry: browser(tag, {}, '503x2') });
    await expect.poll(() => statuses(page), { timeout: 15_000 }).toEqual(['failed', 'failed', 'sent']);
    const log = await getLog(page);
    expect(log.slice(0, 2).map((e) => e.httpStatus)).toEqual([503, 503]);
    expect(log.map((e) => e.attempt)).toEqual([1, 2, 3]);
    // Retry-After: 1 was honoured: the retries did not come sooner than a second apart.
    const at = log.map((e) => Date.parse(e.at));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(900);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(900);
    await settle(page);
    const got = await reports(request, tag);
    expect(got).toHaveLength(1);
    expect(sent).toHaveLength(3);
    // The same report, under the same idempotency key, each time.
    expect(got[0].body).toEqual(log[2].report);
    expect(got[0].headers['idempotency-key']).toMatch(new RegExp('^' + got[0].body.instanceId + '-'));
    // The panel says what happened, in words.
    await page.evaluate(() => window.ConsentRelay!.showPreferences());
    const items = page.locator('[data-cr="telemetry-log"] li');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toHaveAttribute('data-cr-status', 'sent');
    await expect(page.locator('[data-cr="telemetry-log"] li[data-cr-status="failed"]').first()).toContainText(
      'HTTP 503',
    );
  });

  test('offline on one visit: delivered on the next visit, exactly once', async ({
    page,
    context,
    request,
    browserName,
  }) => {
    test.skip(browserName !== 'chromium', "Playwright's BiDi Firefox backend does not emulate going offline");
    const tag = uid('offline');
    // Consent on this visit while online (the reporter code loads), the first report due a moment later, offline by then.
    const config = { region: 'DE', telemetry: { ...browser(tag), initialDelayMs: 1500 } };
    await open(page, config);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    expect((await flush(page)).reason).toBe('not_due');
    await context.setOffline(true);
    await page.waitForTimeout(1600);
    await flush(page);
    await expect.poll(() => statuses(page)).toContain('failed');
    expect((await getLog(page)).every((e) => e.status === 'failed' && e.reason === 'network')).toBe(true);
    expect(await stored(page, 'tm:outbox')).toHaveLength(1);
    await page.goto('about:blank');
    expect(await reports(request, tag)).toEqual([]);

    await context.setOffline(false);
    await page.goto(testPage({ config }));
    await ready(page);
    await expect.poll(async () => (await reports(request, tag)).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => statuses(page)).toContain('sent');
    await flush(page);
    await settle(page);
    expect(await reports(request, tag)).toHaveLength(1);
    expect((await getLog(page)).filter((e) => e.status === 'sent')).toHaveLength(1);
    expect(await stored(page, 'tm:outbox')).toEqual([]);
  });

  test('three tabs opening at once: exactly one report', async ({ context, request }) => {
    const tag = uid('tabs');
    const url = testPage({ config: { region: 'AU', telemetry: browser(tag) } });
    const pages = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
    await Promise.all(pages.map((p) => p.goto(url)));
    await Promise.all(pages.map((p) => ready(p)));
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    const reasons = await Promise.all(pages.map((p) => flush(p).then((d) => d.reason)));
    expect(reasons).toEqual(['not_due', 'not_due', 'not_due']);
    await settle(pages[0]);
    expect(await reports(request, tag)).toHaveLength(1);
    expect(await statuses(pages[2])).toEqual(['sent']);
  });
});

test.describe('telemetry: what a report may contain', () => {
  test('query strings and fragments are never sent', async ({ page, request }) => {
    const tag = uid('query');
    await open(page, { region: 'AU', telemetry: browser(tag) }, {}, '&secret=1#frag');
    expect(page.url()).toContain('secret=1');
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    const [r] = await reports(request, tag);
    expect(Object.keys(r.body.ui.pageViews)).toEqual(['/__test/page']);
    for (const k of Object.keys(r.body.ui.pageViews)) expect(k).not.toMatch(/[?#]/);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('frag');
    expect(text).not.toContain('?');
    expect(text).not.toContain('#');
  });

  test('counters: count() and clicks on [data-telemetry] arrive aggregated', async ({ page, request }) => {
    const tag = uid('counters');
    const body =
      '<button data-telemetry="y">Y</button> <button data-telemetry="y"><span id="inner">Y inner</span></button>' +
      ' <a href="#" data-telemetry="bad name">bad</a>';
    const errors = consoleOf(page, 'error');
    // In server mode the first check finds the server reporting; the counts wait for the fallback.
    await open(page, { region: 'AU', telemetry: tm(tag) }, { body });
    await page.evaluate(() => {
      window.ConsentRelay!.telemetry.count('x', 3);
      window.ConsentRelay!.telemetry.count('x');
    });
    await page.locator('button[data-telemetry="y"]').first().click();
    await page.locator('#inner').click();
    await page.locator('#inner').click();
    expect(await page.evaluate(() => window.ConsentRelay!.telemetry.serverReportFailed())).toMatchObject({
      reason: 'send',
    });
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    const [r] = await reports(request, tag);
    expect(r.body.ui).toEqual({ counts: { x: 4, y: 3 }, pageViews: { '/__test/page': 1 } });
    expect(r.body.server).toBeNull();
    await page.locator('a[data-telemetry]').click();
    await expect.poll(() => errors.join('\n')).toMatch(/bad name/);
  });

  test('an oversized report is refused with an error and a log entry, nothing sent', async ({ page, request }) => {
    const tag = uid('oversized');
    const errors = consoleOf(page, 'error');
    const sent = collectorRequests(page);
    await open(page, { region: 'AU', telemetry: tm(tag, { maxPayloadBytes: 300 }) });
    // Let the check made at start finish first: a failure reported while it runs is its to act on, with the counts
    // it already read (the period is then reported, small).
    expect((await flush(page)).reason).toBe('server_ok');
    await page.evaluate(() => {
      for (let i = 0; i < 40; i++) window.ConsentRelay!.telemetry.count('feature.number.' + i, i + 1);
    });
    await page.evaluate(() => window.ConsentRelay!.telemetry.serverReportFailed());
    const log = await getLog(page);
    expect(log, JSON.stringify(log)).toHaveLength(1);
    expect(log[0], JSON.stringify(log)).toMatchObject({ status: 'refused', reason: 'too_large' });
    expect(log[0].bytes).toBeGreaterThan(300);
    // Console events reach the test asynchronously: under load they can trail the evaluate() that caused them.
    await expect.poll(() => errors.join('\n')).toMatch(/maxPayloadBytes/);
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
  });

  test('a maxPayloadBytes smaller than any report refuses every report, logged, nothing sent (not a config error)', async ({
    page,
    request,
  }) => {
    const tag = uid('tiny-max');
    const errors = consoleOf(page, 'error');
    const sent = collectorRequests(page);
    await open(page, {
      region: 'AU',
      telemetry: tm(tag, { maxPayloadBytes: 20, sendUsageFrom: 'browser', intervalMs: 100 }),
    });
    await expect.poll(async () => (await getLog(page)).map((e) => e.status)).toContain('refused');
    expect((await getLog(page))[0]).toMatchObject({ status: 'refused', reason: 'too_large' });
    await expect.poll(() => errors.join('\n')).toMatch(/over maxPayloadBytes \(20\)/);
    expect(errors.join('\n')).not.toMatch(/config\.telemetry/);
    await settle(page, 300);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
  });

  test('a non-https endpoint is refused with an error; nothing is requested', async ({ page }) => {
    const errors = consoleOf(page, 'error');
    const infos = consoleOf(page, 'info');
    const requested: string[] = [];
    page.on('request', (r) => new URL(r.url()).hostname === 'example.com' && requested.push(r.url()));
    await page.route('http://example.com/**', (route) => route.abort());
    await open(page, {
      region: 'AU',
      telemetry: { endpoint: 'http://example.com/x', sendUsageFrom: 'browser', initialDelayMs: 0, intervalMs: 60_000 },
    });
    expect(await flush(page)).toMatchObject({ build: false, reason: 'disabled' });
    await page.evaluate(() => window.ConsentRelay!.telemetry.serverReportFailed({ a: 1 }));
    await settle(page, 500);
    expect(requested).toEqual([]);
    expect(errors.join('\n')).toMatch(/config\.telemetry\.endpoint.*https/);
    expect(infos.filter((m) => m.includes('Usage telemetry'))).toEqual([
      expect.stringMatching(/configuration has errors/),
    ]);
    expect(await getLog(page)).toEqual([]);
    // A telemetry config error is a config error like any other (issue 11): the strictest safe behaviour, opt-in.
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent().regime)).toBe('opt-in');
  });
});

test.describe('telemetry: the consent category', () => {
  for (const [name, categories, category] of [
    ['missing from the categories', [{ id: 'necessary', required: true }, { id: 'analytics' }], undefined],
    ['a required one', undefined, 'necessary'],
  ] as const) {
    test(`a telemetry category that is ${name} is an error naming it; nothing is sent`, async ({ page, request }) => {
      const tag = uid('category');
      const errors = consoleOf(page, 'error');
      const sent = collectorRequests(page);
      await open(page, {
        region: 'AU',
        ...(categories && { categories }),
        telemetry: browser(tag, category ? { category } : {}),
      });
      expect(await flush(page)).toMatchObject({ build: false });
      await settle(page, 500);
      expect(errors.join('\n')).toMatch(/config\.telemetry\.category/);
      expect(sent).toEqual([]);
      expect(await reports(request, tag)).toEqual([]);
    });
  }
});

test.describe('telemetry: withdrawal and reset', () => {
  test('withdrawing consent purges the queue and the instance id; nothing more is sent', async ({ page, request }) => {
    const tag = uid('withdraw');
    const sent = collectorRequests(page);
    await open(page, { region: 'AU', telemetry: browser(tag, {}, '503x5') });
    await expect.poll(() => statuses(page)).toContain('failed');
    expect(await stored(page, 'tm:outbox')).toHaveLength(1);
    expect(await stored(page, 'tm:state')).toMatchObject({ instanceId: expect.any(String) });

    await page.evaluate(() => window.ConsentRelay!.update({ telemetry: false }));
    const n = sent.length;
    await expect.poll(() => stored(page, 'tm:outbox')).toBe('absent');
    expect(await stored(page, 'tm:state')).not.toHaveProperty('instanceId');
    // Past when the collector would have accepted it (5 failures, Retry-After: 1 each).
    await settle(page, 6000);
    expect(sent.length).toBe(n);
    expect(await stored(page, 'tm:outbox')).toBe('absent');
    expect(await stored(page, 'tm:state')).not.toHaveProperty('instanceId');
    expect(await reports(request, tag)).toEqual([]);
    expect(await flush(page)).toMatchObject({ reason: 'no_consent' });
  });

  test('withdrawing in another tab stops this tab too', async ({ context, request }) => {
    const tag = uid('withdraw-tabs');
    // The shortest interval: a tab that missed the withdrawal would report again within a second or two.
    const url = testPage({ config: { region: 'AU', telemetry: browser(tag, { intervalMs: 1000 }) } });
    const [a, b] = [await context.newPage(), await context.newPage()];
    for (const p of [a, b]) {
      await p.goto(url);
      await ready(p);
    }
    await expect.poll(async () => (await reports(request, tag)).length).toBeGreaterThan(0);
    await b.evaluate(() => window.ConsentRelay!.update({ telemetry: false }));
    await settle(a, 500);
    const n = (await reports(request, tag)).length;
    await settle(a, 3000);
    expect(await flush(a)).toMatchObject({ reason: 'no_consent' });
    expect(await reports(request, tag)).toHaveLength(n);
    expect(await stored(a, 'tm:state')).not.toHaveProperty('instanceId');
  });

  test('reset() wipes the log, the queue and the instance id', async ({ page, request }) => {
    const tag = uid('reset');
    await open(page, { region: 'AU', telemetry: browser(tag) });
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    // The collector has it before the page has logged the answer: wait for the log line.
    await expect.poll(async () => (await getLog(page)).length).toBe(1);
    const id = (await reports(request, tag))[0].body.instanceId;
    await page.evaluate(() => window.ConsentRelay!.reset());
    expect(await getLog(page)).toEqual([]);
    expect(await stored(page, 'tm:log')).toBe('absent');
    expect(await stored(page, 'tm:outbox')).toBe('absent');
    const st = await stored(page, 'tm:state');
    expect(JSON.stringify(st ?? null)).not.toContain(id);
    // Nothing of ours is left on the device: not even the (empty) database.
    expect(await page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)))).toEqual([]);
  });
});
