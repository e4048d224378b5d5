import { expect, test } from '@playwright/test';
import { action, sendDnt, sendGpc } from './helpers';
import {
  collectorRequests,
  consoleOf,
  firewall,
  flush,
  getLog,
  open,
  reports,
  serverReport,
  serverStatus,
  settle,
  statusUrl,
  statuses,
  tm,
  uid,
} from './telemetry-helpers';

// Kibana `sendUsageFrom: 'server'`: the browser reports only when the application server cannot (docs/SPEC.md §5, §7).
test.describe('telemetry: browser fallback for the server', () => {
  test('healthy server: the browser sends nothing', async ({ page, request }) => {
    const tag = uid('healthy');
    const ns = uid('ns-healthy');
    await firewall(request, ns, 'reachable');
    expect(await serverReport(request, ns)).toMatchObject({ ok: true });
    expect(await serverStatus(request, ns)).toMatchObject({ ok: true, lastReportedAt: expect.any(String) });
    const sent = collectorRequests(page);

    await open(page, { region: 'AU', telemetry: tm(tag, { serverStatusUrl: statusUrl(ns) }) });
    expect(await flush(page)).toMatchObject({ reason: 'server_ok', build: false });
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
    expect(await getLog(page)).toEqual([]);
    // The server's own report reached the collector; it is the only one.
    expect(await reports(request, 'server:' + ns)).toHaveLength(1);
  });

  test('firewalled server: exactly one browser report carrying the server payload, then the server is told', async ({
    page,
    request,
  }) => {
    const tag = uid('firewalled');
    const ns = uid('ns-blocked');
    await firewall(request, ns, 'blocked');
    expect(await serverReport(request, ns)).toMatchObject({ ok: false });
    const before = await serverStatus(request, ns);
    expect(before).toMatchObject({ ok: false, lastReportedAt: null, payload: expect.any(Object) });

    await open(page, { region: 'AU', telemetry: tm(tag, { serverStatusUrl: statusUrl(ns) }) });
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    const [r] = await reports(request, tag);
    expect(r.body).toMatchObject({
      schema: 1,
      source: 'browser',
      instanceId: expect.any(String),
      server: before.payload,
    });
    expect(Object.keys(r.body).sort()).toEqual(['instanceId', 'schema', 'sentAt', 'server', 'source', 'ui']);
    expect(r.headers['idempotency-key']).toBeTruthy();

    // The server learns that this period is reported, so it does not send it again once it can reach out.
    await expect.poll(async () => (await serverStatus(request, ns)).lastReportedAt).toBe(r.body.sentAt);
    // The period is done: a second flush sends nothing more.
    expect(await flush(page)).toMatchObject({ reason: 'not_due' });
    await settle(page, 500);
    expect(await reports(request, tag)).toHaveLength(1);
    expect(await reports(request, 'server:' + ns)).toEqual([]);
    expect(await statuses(page)).toEqual(['sent']);
  });

  test('serverReportFailed(payload) from the page: one report carrying that payload', async ({ page, request }) => {
    const tag = uid('srvfailed');
    await open(page, { region: 'AU', telemetry: tm(tag) });
    // No status URL and no failure reported: the server is presumed to report for itself.
    expect(await flush(page)).toMatchObject({ reason: 'server_ok' });
    const payload = {
      emqx_version: '5.0.9',
      vm_specs: { num_cpus: 8 },
      bridge: { data_bridge: { webhook: { num: 1 } } },
    };
    const d = await page.evaluate((p) => window.ConsentRelay!.telemetry.serverReportFailed(p), payload);
    expect(d).toMatchObject({ reason: 'send', build: true });
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    expect((await reports(request, tag))[0].body.server).toEqual(payload);
    expect(await statuses(page)).toEqual(['sent']);
  });

  test("strategy 'logging': the report is built and logged, never sent", async ({ page, request }) => {
    const tag = uid('logging');
    const sent = collectorRequests(page);
    await open(page, { region: 'AU', telemetry: tm(tag, { sendUsageFrom: 'browser', strategy: 'logging' }) });
    expect(await flush(page)).toMatchObject({ reason: 'not_due' });
    const log = await getLog(page);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      status: 'logged',
      reason: 'logging',
      report: { schema: 1, source: 'browser', instanceId: expect.any(String) },
    });
    expect(log[0].report!.ui.pageViews).toEqual({ '/__test/page': 1 });
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
  });
});

test.describe('telemetry: consent and privacy signals', () => {
  test('Do Not Track: nothing sent even after an explicit accept, reason dnt', async ({ page, request }) => {
    const tag = uid('dnt');
    await sendDnt(page);
    const sent = collectorRequests(page);
    const infos = consoleOf(page, 'info');
    await open(page, { region: 'AU', telemetry: tm(tag, { sendUsageFrom: 'browser' }) });
    expect(infos.filter((m) => m.includes('Usage telemetry'))).toEqual([expect.stringMatching(/Do Not Track/)]);
    // The signal itself denies the category by default in a notice region.
    expect(await flush(page)).toMatchObject({ reason: 'no_consent' });
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    expect(await flush(page)).toMatchObject({ reason: 'dnt', build: false });
    expect(await page.evaluate(() => window.ConsentRelay!.telemetry.status())).toEqual({
      reason: 'dnt',
      configured: true,
    });
    expect(await page.evaluate(() => window.ConsentRelay!.telemetry.preview())).toBeNull();
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
    expect(await getLog(page)).toEqual([]);
  });

  test('Do Not Track with honorDoNotTrack: false: sent after an explicit accept', async ({ page, request }) => {
    const tag = uid('dnt-off');
    await sendDnt(page);
    await open(page, { region: 'AU', telemetry: tm(tag, { sendUsageFrom: 'browser', honorDoNotTrack: false }) });
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
  });

  test('Global Privacy Control: nothing sent, reason gpc', async ({ page, request }) => {
    const tag = uid('gpc');
    await sendGpc(page);
    const sent = collectorRequests(page);
    await open(page, { region: 'US-CA', telemetry: tm(tag, { sendUsageFrom: 'browser' }) });
    expect(await flush(page)).toMatchObject({ reason: 'no_consent' });
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    expect(await flush(page)).toMatchObject({ reason: 'gpc', build: false });
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await reports(request, tag)).toEqual([]);
  });

  test('opt-in region: nothing without consent, one report once accepted', async ({ page, request }) => {
    const tag = uid('optin');
    const sent = collectorRequests(page);
    await open(page, { region: 'DE', telemetry: tm(tag, { sendUsageFrom: 'browser', optIn: true }) });
    // optIn: true cannot pre-tick the box where consent must be given.
    expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('telemetry'))).toBe(false);
    expect(await flush(page)).toMatchObject({ reason: 'no_consent' });
    await settle(page, 500);
    expect(sent).toEqual([]);
    expect(await page.evaluate(() => window.ConsentRelay!.telemetry.preview())).toBeNull();

    await action(page, 'accept-all').click();
    await expect.poll(async () => (await reports(request, tag)).length).toBe(1);
    expect(await flush(page)).toMatchObject({ reason: 'not_due' });
    expect(await reports(request, tag)).toHaveLength(1);
  });
});
