/**
 * Black-box tests of docs/SPEC.md §5 (the telemetry reporter, browser side), written from the SPEC and README.md
 * alone, against the built dist/ served by a server of the test's own (e2e/blackbox-server.ts). Every report is
 * made by the test calling `telemetry.flush()`; the automatic schedule is kept out of the way with a long interval.
 */
import { expect, type Page, test } from '@playwright/test';
import { embedding, readyState as relay, useBlackboxServer } from './blackbox-server';

test.use({ timezoneId: 'UTC', locale: 'en-US' });

const server = useBlackboxServer();

const HOUR = 3_600_000;
const flush = (page: Page) => page.evaluate(() => (window as any).ConsentRelay.telemetry.flush());
const telemetryLog = (page: Page) => page.evaluate(() => (window as any).ConsentRelay.telemetry.getLog());
const sentTo = (tag: string) => server.requests.filter((r) => r.method === 'POST' && r.path === `/collect/${tag}`);

/** A telemetry config sending to /collect/<tag>; the first report is due at once, the next a day later. */
function telemetry(tag: string, extra: Record<string, unknown> = {}) {
  return {
    endpoint: `${server.origin}/collect/${tag}`,
    sendUsageFrom: 'browser',
    initialDelayMs: 0,
    intervalMs: 24 * HOUR,
    ...extra,
  };
}

test('a report: its shape, counts from count() and data-telemetry, page views without query or fragment', async ({
  page,
}) => {
  const body = '<button data-telemetry="export.click">Export</button>';
  const config = { region: 'DE', telemetry: telemetry('shape') };
  const url = server.page('shop', embedding({ config, body }));
  await page.goto(`${url}?email=secret%40example.com#private-fragment`);
  await relay(page);
  // Counted before consent (the reporter is not loaded yet): SPEC §1 says these are kept.
  await page.evaluate(() => (window as any).ConsentRelay.telemetry.count('report.built', 2));
  await page.locator('[data-telemetry="export.click"]').click();
  await page.locator('[data-telemetry="export.click"]').click();
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('shape').length, { timeout: 20_000 }).toBe(1);
  const raw = sentTo('shape')[0].body;
  const report = JSON.parse(raw);
  expect(report).toMatchObject({ schema: 1, source: 'browser', server: null });
  expect(typeof report.instanceId).toBe('string');
  expect(report.instanceId.length).toBeGreaterThan(0);
  expect(Number.isNaN(new Date(report.sentAt).getTime())).toBe(false);
  expect(JSON.stringify(report.ui)).toContain('report.built');
  expect(report.ui.counts['report.built']).toBe(2);
  expect(report.ui.counts['export.click']).toBe(2);
  expect(JSON.stringify(report.ui.pageViews)).toContain('/p/shop');
  for (const leak of ['secret', 'example.com', 'private-fragment', 'email=']) expect(raw).not.toContain(leak);
  await expect
    .poll(async () => (await telemetryLog(page)).map((entry: any) => entry.status), { timeout: 20_000 })
    .toContain('sent');
});

test("strategy 'logging': the report is built, logged and previewed, never sent", async ({ page }) => {
  const config = { region: 'DE', telemetry: telemetry('logging', { strategy: 'logging' }) };
  await page.goto(server.page('logging', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await page.evaluate(() => (window as any).ConsentRelay.telemetry.count('used', 1));
  expect(await page.evaluate(() => (window as any).ConsentRelay.telemetry.preview())).toMatchObject({ schema: 1 });
  await flush(page);
  await expect
    .poll(async () => (await telemetryLog(page)).map((entry: any) => entry.status), { timeout: 20_000 })
    .toContain('logged');
  const logged = (await telemetryLog(page)).find((entry: any) => entry.status === 'logged');
  expect(logged.report).toMatchObject({ schema: 1, source: 'browser' });
  // The window for "never sent" is the test's own: the flush above has done its work (its log entry is written),
  // and the next automatic report is a day away.
  expect(sentTo('logging')).toEqual([]);
});

test('enabled: false sends nothing, even on flush() after an accept', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const config = { region: 'DE', telemetry: telemetry('disabled', { enabled: false }) };
  await page.goto(server.page('disabled', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  const result = await flush(page);
  expect(result).toHaveProperty('reason');
  // flush() has answered why it did not send; the next automatic report is a day away: nothing went out.
  expect(sentTo('disabled')).toEqual([]);
  expect(requested).not.toContain('/dist/consent-relay.reporter.js');
});

for (const signal of ['Do Not Track', 'Global Privacy Control'] as const) {
  test(`${signal}: nothing sent even after an explicit accept`, async ({ page }) => {
    if (signal === 'Do Not Track')
      await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
    else
      await page.addInitScript(() =>
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
      );
    const tag = signal === 'Do Not Track' ? 'dnt' : 'gpc';
    const config = { region: 'AU', telemetry: telemetry(tag) };
    await page.goto(server.page(tag, embedding({ config })));
    await relay(page);
    await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
    expect(await page.evaluate(() => (window as any).ConsentRelay.hasConsent('telemetry'))).toBe(true);
    const result = await flush(page);
    expect(result.reason).toBeTruthy();
    expect(sentTo(tag)).toEqual([]);
    const sentEntries = (await telemetryLog(page)).filter((entry: any) => entry.status === 'sent');
    expect(sentEntries).toEqual([]);
  });
}

test('nothing is sent before consent in an opt-in region; the report goes once telemetry is allowed', async ({
  page,
}) => {
  const config = { region: 'DE', telemetry: telemetry('consent') };
  await page.goto(server.page('consent', embedding({ config })));
  await relay(page);
  const before = await flush(page);
  expect(before.reason).toBeTruthy();
  expect(sentTo('consent')).toEqual([]);
  await page.evaluate(() => (window as any).ConsentRelay.update({ telemetry: true }));
  await flush(page);
  await expect.poll(() => sentTo('consent').length, { timeout: 20_000 }).toBe(1);
});

/** Opens a page on a clock the test moves, accepts, and waits for the first report (due at once). */
async function acceptedWithFirstReport(page: Page, tag: string) {
  await page.clock.install();
  const config = { region: 'DE', telemetry: telemetry(tag) };
  await page.goto(server.page(tag, embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo(tag).length, { timeout: 20_000 }).toBe(1);
  return JSON.parse(sentTo(tag)[0].body);
}

/** Moves the page's clock past the interval and flushes: the next report is due. */
async function nextPeriod(page: Page) {
  await page.clock.fastForward(25 * HOUR);
  return flush(page);
}

test('preview() is the exact next payload: the report sent next has its instanceId, server and ui', async ({
  page,
}) => {
  await acceptedWithFirstReport(page, 'preview');
  // the first report is done on the page's side too (its log entry written) before the next count
  await expect
    .poll(async () => (await telemetryLog(page)).map((entry: any) => entry.status), { timeout: 20_000 })
    .toContain('sent');
  await page.evaluate(() => (window as any).ConsentRelay.telemetry.count('previewed', 3));
  // read before the next period: once the clock passes it, the automatic timer sends that very report
  const preview = await page.evaluate(() => (window as any).ConsentRelay.telemetry.preview());
  expect(preview).toMatchObject({ schema: 1, source: 'browser' });
  expect(preview.ui.counts.previewed).toBe(3);
  await page.clock.fastForward(25 * HOUR);
  await flush(page);
  await expect.poll(() => sentTo('preview').length, { timeout: 20_000 }).toBe(2);
  const sent = JSON.parse(sentTo('preview')[1].body);
  expect(sent.instanceId).toBe(preview.instanceId);
  expect(sent.ui).toEqual(preview.ui);
  expect(sent.server).toEqual(preview.server);
});

test('reset() deletes the instanceId and the log: the next report has a new id', async ({ page }) => {
  const first = await acceptedWithFirstReport(page, 'reset');
  await expect.poll(async () => (await telemetryLog(page)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await page.evaluate(() => (window as any).ConsentRelay.reset());
  expect(await telemetryLog(page)).toEqual([]);
  // a device seen anew: its first report is due at once again (initialDelayMs 0)
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('reset').length, { timeout: 20_000 }).toBe(2);
  expect(JSON.parse(sentTo('reset')[1].body).instanceId).not.toBe(first.instanceId);
});

test('withdrawing telemetry consent deletes the instanceId: the next report has a new id', async ({ page }) => {
  const first = await acceptedWithFirstReport(page, 'withdraw');
  await page.evaluate(() => (window as any).ConsentRelay.update({ telemetry: false }));
  // a new id is a device seen anew: its first report is due at once again (initialDelayMs 0)
  await page.evaluate(() => (window as any).ConsentRelay.update({ telemetry: true }));
  await expect.poll(() => sentTo('withdraw').length, { timeout: 20_000 }).toBe(2);
  expect(JSON.parse(sentTo('withdraw')[1].body).instanceId).not.toBe(first.instanceId);
});

test('one report per interval: a flush within the interval sends nothing more, the next period sends again', async ({
  page,
}) => {
  await acceptedWithFirstReport(page, 'interval');
  const early = await flush(page);
  expect(early.reason).toBe('not_due');
  expect(sentTo('interval')).toHaveLength(1);
  await nextPeriod(page);
  await expect.poll(() => sentTo('interval').length, { timeout: 20_000 }).toBe(2);
});

test('sendUsageFrom server: a healthy status sends nothing; ok:false sends one report with the server payload, then the server is told', async ({
  page,
}) => {
  const now = new Date().toISOString();
  server.setStatus('healthy', { ok: true, lastReportedAt: now, lastAttemptAt: now, payload: { nodes: 1 } });
  const healthy = {
    region: 'DE',
    telemetry: telemetry('from-healthy', {
      sendUsageFrom: 'server',
      serverStatusUrl: `${server.origin}/status/healthy`,
    }),
  };
  await page.goto(server.page('healthy', embedding({ config: healthy })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await flush(page);
  expect(server.requests.some((request) => request.method === 'GET' && request.path === '/status/healthy')).toBe(true);
  expect(sentTo('from-healthy')).toEqual([]);

  server.setStatus('failing', { ok: false, lastReportedAt: null, lastAttemptAt: now, payload: { version: '9.9.9' } });
  const failing = {
    region: 'DE',
    telemetry: telemetry('from-failing', {
      sendUsageFrom: 'server',
      serverStatusUrl: `${server.origin}/status/failing`,
    }),
  };
  await page.goto(server.page('failing', embedding({ config: failing })));
  await relay(page);
  await flush(page);
  await expect.poll(() => sentTo('from-failing').length, { timeout: 20_000 }).toBe(1);
  expect(JSON.parse(sentTo('from-failing')[0].body).server).toEqual({ version: '9.9.9' });
  await expect
    .poll(() => server.requests.filter((request) => request.method === 'POST' && request.path === '/status/failing'))
    .toHaveLength(1);
  const told = JSON.parse(
    server.requests.find((request) => request.method === 'POST' && request.path === '/status/failing')!.body,
  );
  expect(Number.isNaN(new Date(told.reportedAt).getTime())).toBe(false);
});

test('the preferences panel shows the transmission log and the payload preview when telemetry is configured', async ({
  page,
}) => {
  const config = { region: 'DE', telemetry: telemetry('panel') };
  await page.goto(server.page('panel', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.showPreferences());
  const panel = page.locator('[data-cr="preferences"]');
  await expect(panel).toBeVisible();
  await expect(panel.locator('input[type=checkbox][data-cr-category="telemetry"]')).toHaveCount(1);
  await expect(panel.locator('[data-cr="telemetry-log"]')).toBeVisible();
  await expect(panel.locator('[data-cr="telemetry-preview"]')).toBeVisible();
});

test('one console.info disclosure at start', async ({ page }) => {
  const infos: string[] = [];
  page.on('console', (message) => message.type() === 'info' && infos.push(message.text()));
  const config = { region: 'AU', telemetry: telemetry('disclosure') };
  await page.goto(server.page('disclosure', embedding({ config })));
  await relay(page);
  await expect.poll(() => infos.length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(infos.join('\n')).toContain('127.0.0.1');
});

test("telemetry.category: 'analytics' gates sending by analytics, not by the telemetry category", async ({ page }) => {
  const config = { region: 'DE', telemetry: telemetry('by-analytics', { category: 'analytics' }) };
  await page.goto(server.page('by-analytics', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.update({ analytics: true }));
  expect(await page.evaluate(() => (window as any).ConsentRelay.hasConsent('telemetry'))).toBe(false);
  await expect.poll(() => sentTo('by-analytics').length, { timeout: 20_000 }).toBe(1);
});

test('optIn: false in a notice region: analytics on by default, telemetry off, nothing sent', async ({ page }) => {
  const config = { region: 'AU', telemetry: telemetry('opt-in-false', { optIn: false }) };
  await page.goto(server.page('opt-in-false', embedding({ config })));
  const state = await relay(page);
  expect(state.categories.analytics).toBe(true);
  expect(state.categories.telemetry).toBe(false);
  const result = await flush(page);
  expect(result.reason).toBeTruthy();
  expect(sentTo('opt-in-false')).toEqual([]);
});

test('optIn: true in a notice region: telemetry on by default, the first report goes without a click', async ({
  page,
}) => {
  const config = { region: 'AU', telemetry: telemetry('opt-in-true', { optIn: true }) };
  await page.goto(server.page('opt-in-true', embedding({ config })));
  expect((await relay(page)).categories.telemetry).toBe(true);
  await expect.poll(() => sentTo('opt-in-true').length, { timeout: 20_000 }).toBe(1);
});

test('a count made while a report is on its way (its answer held by the server) is in the next report', async ({
  page,
}) => {
  server.holdCollect('in-flight');
  await page.clock.install();
  const config = { region: 'DE', telemetry: telemetry('in-flight') };
  await page.goto(server.page('in-flight', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('in-flight').length, { timeout: 20_000 }).toBe(1);
  // the POST has arrived and its answer is held: the count below is made while the report is in flight
  await page.evaluate(() => (window as any).ConsentRelay.telemetry.count('during.flight', 1));
  server.releaseCollect('in-flight');
  await expect
    .poll(async () => (await telemetryLog(page)).map((entry: any) => entry.status), { timeout: 20_000 })
    .toContain('sent');
  expect(JSON.parse(sentTo('in-flight')[0].body).ui.counts['during.flight']).toBeUndefined();
  await page.clock.fastForward(25 * HOUR);
  await flush(page);
  await expect.poll(() => sentTo('in-flight').length, { timeout: 20_000 }).toBe(2);
  expect(JSON.parse(sentTo('in-flight')[1].body).ui.counts['during.flight']).toBe(1);
});
