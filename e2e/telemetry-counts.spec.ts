import { expect, test } from '@playwright/test';
import { testPage, ready } from './helpers';
import { firewall, open, reports, settle, stored, statusUrl, tm, uid } from './telemetry-helpers';

/**
 * Issue 16: a count made just before a report was built could be missing from it. The report's own server-status
 * request is held here until the page has counted, so the window is open every run, whatever the machine's speed.
 */
test('a count made while the report is being built is in that report, delivered once', async ({ page, request }) => {
  const tag = uid('count-race');
  const ns = uid('count-race-ns');
  await firewall(request, ns, 'reachable');
  // The collector answers 503 to the first attempt: the report is kept and delivered on the next visit.
  const config = { region: 'DE', telemetry: tm(tag, { serverStatusUrl: statusUrl(ns) }, '503x1') };
  await open(page, config);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  // The server reports for itself: the check that consent started builds nothing.
  expect((await page.evaluate(() => window.ConsentRelay!.telemetry.flush())).reason).toBe('server_ok');

  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const askedP = new Promise<void>((r) => (asked = r));
  await page.route('**/api/server/status**', async (route) => {
    if (route.request().method() === 'GET') {
      asked();
      await held;
    }
    await route.continue();
  });
  await page.evaluate(() => {
    (window as any).failed = window.ConsentRelay!.telemetry.serverReportFailed();
  });
  await askedP;
  await page.evaluate(() => window.ConsentRelay!.telemetry.count('first_visit_marker', 1));
  release();
  await page.evaluate(() => (window as any).failed);
  await page.evaluate(() => window.ConsentRelay!.telemetry.count('after_build', 1));
  await page.unroute('**/api/server/status**');
  await page.evaluate(() => window.ConsentRelay!.telemetry.flush());

  // The kept report, as queued: the count made before it was built is in it.
  await expect.poll(() => stored(page, 'tm:outbox')).toHaveLength(1);
  const [queued] = (await stored(page, 'tm:outbox')) as Array<{ report: { ui: { counts: Record<string, number> } } }>;
  expect(queued.report.ui.counts).toEqual({ first_visit_marker: 1 });

  // The visitor leaves before the retry; the next visit delivers it exactly once, as queued.
  await page.goto('about:blank');
  await page.goto(testPage({ config }));
  await ready(page);
  await expect.poll(async () => (await reports(request, tag)).length, { timeout: 15_000 }).toBe(1);
  await settle(page);
  const got = await reports(request, tag);
  expect(got).toHaveLength(1);
  expect(got[0].body.ui.counts).toEqual({ first_visit_marker: 1 });
});
