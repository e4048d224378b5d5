/**
 * Black-box tests of edges of docs/SPEC.md §1–§5 a tester would try next: a stored decision under a broken config,
 * categories from the config, cross-tab without BroadcastChannel, an expired decision on a moved clock, clicks inside
 * a [data-telemetry] element, a reporter file that fails once, the standalone file sending telemetry. Written from the
 * SPEC and README.md alone, against the built dist/ served by e2e/blackbox-server.ts.
 */
import { expect, type Page, test } from '@playwright/test';
import { embedding, errorsOf, hasConsent, readyState as relay, useBlackboxServer } from './blackbox-server';

test.use({ timezoneId: 'UTC', locale: 'en-US' });

const server = useBlackboxServer();

const DAY = 86_400_000;
const sentTo = (tag: string) => server.requests.filter((r) => r.method === 'POST' && r.path === `/collect/${tag}`);

test('a stored refusal, then a config error: reported, and still nothing non-essential allowed', async ({ page }) => {
  await page.goto(server.page('stored-good', embedding({ config: { region: 'AU' } })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.rejectAll());
  const errors = errorsOf(page);
  await page.goto(server.page('stored-bad', embedding({ config: { region: 'AU', policyRevision: -1 } })));
  const state = await relay(page);
  expect(errors.some((text) => text.includes('policyRevision'))).toBe(true);
  // Whatever the product keeps, a refusal stays a refusal: nothing non-essential is allowed.
  expect(state.categories.analytics).toBe(false);
  expect(await hasConsent(page, 'analytics')).toBe(false);
  test.info().annotations.push({ type: 'stored decision under a config error', description: JSON.stringify(state) });
});

test('an accepted decision, then a config error: SPEC §1 says opt-in and everything non-essential denied', async ({
  page,
}) => {
  // SPEC §1: "A config error ... falls back to the strictest safe behaviour (opt-in regime, everything non-essential
  // denied)", a stored decision included (README: it does not count while the config is broken).
  await page.goto(server.page('accepted-good', embedding({ config: { region: 'AU' } })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  const errors = errorsOf(page);
  await page.goto(server.page('accepted-bad', embedding({ config: { region: 'AU', policyRevision: -1 } })));
  const state = await relay(page);
  expect(errors.some((text) => text.includes('policyRevision'))).toBe(true);
  expect(state.regime).toBe('opt-in');
  expect(state.categories.analytics).toBe(false);
});

test('categories from the config: necessary is required even when the config says not; a custom one is offered', async ({
  page,
}) => {
  const config = {
    region: 'DE',
    categories: [
      { id: 'necessary', required: false },
      { id: 'ads', label: 'Advertising', description: 'Ads we show' },
    ],
  };
  await page.goto(server.page('custom-categories', embedding({ config })));
  await relay(page);
  expect(await hasConsent(page, 'necessary')).toBe(true);
  expect(await hasConsent(page, 'ads')).toBe(false);
  await page.evaluate(() => (window as any).ConsentRelay.showPreferences());
  const panel = page.locator('[data-cr="preferences"]');
  await expect(panel.locator('input[data-cr-category="necessary"]')).toBeDisabled();
  await expect(panel.locator('input[data-cr-category="necessary"]')).toBeChecked();
  await expect(panel.locator('input[data-cr-category="ads"]')).not.toBeChecked();
  await expect(panel).toContainText('Advertising');
  // the analytics default is not there: the config's array replaces the default list
  await expect(panel.locator('input[data-cr-category="analytics"]')).toHaveCount(0);
  await panel.locator('input[data-cr-category="ads"]').check();
  await panel.locator('[data-cr-action="save"]').click();
  await expect.poll(() => hasConsent(page, 'ads')).toBe(true);
});

test('cross-tab without BroadcastChannel: the storage fallback carries the decision', async ({ context }) => {
  await context.addInitScript(() => {
    delete (window as any).BroadcastChannel;
  });
  const url = server.page('tabs-fallback', embedding({ config: { region: 'DE' } }));
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(url);
  await second.goto(url);
  await relay(first);
  await relay(second);
  expect(await second.evaluate(() => typeof (window as any).BroadcastChannel)).toBe('undefined');
  await second.evaluate(() =>
    document.addEventListener('consent-relay:change', () => ((window as any).__changed = true)),
  );
  await first.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => hasConsent(second, 'analytics'), { timeout: 15_000 }).toBe(true);
  await expect(second.locator('[data-cr="banner"]')).toBeHidden();
  expect(await second.evaluate(() => (window as any).__changed)).toBe(true);
});

test('a decision older than consentMaxAgeDays is asked again (the page clock moved past it)', async ({ page }) => {
  const config = { region: 'DE', consentMaxAgeDays: 30 };
  const start = Date.now();
  await page.clock.install({ time: start });
  await page.goto(server.page('expiry', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await page.clock.setSystemTime(start + 29 * DAY);
  await page.goto(server.page('expiry', embedding({ config })));
  expect((await relay(page)).decided).toBe(true);
  await page.clock.setSystemTime(start + 31 * DAY);
  await page.goto(server.page('expiry', embedding({ config })));
  const state = await relay(page);
  expect(state.decided).toBe(false);
  expect(await hasConsent(page, 'analytics')).toBe(false);
  await expect(page.locator('[data-cr="banner"]')).toBeVisible();
});

test('a click on an element inside [data-telemetry] counts for it', async ({ page }) => {
  const body = '<button data-telemetry="nested.click"><span id="inner">Go <b id="deeper">now</b></span></button>';
  const config = {
    region: 'DE',
    telemetry: { endpoint: `${server.origin}/collect/nested`, sendUsageFrom: 'browser', initialDelayMs: 0 },
  };
  await page.goto(server.page('nested', embedding({ config, body })));
  await relay(page);
  await page.locator('#inner').click();
  await page.locator('#deeper').click();
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('nested').length, { timeout: 20_000 }).toBe(1);
  expect(JSON.parse(sentTo('nested')[0].body).ui.counts['nested.click']).toBe(2);
});

test('a reporter file that fails once: console.error naming its URL, the next need retries and the report goes', async ({
  page,
}) => {
  const errors = errorsOf(page);
  const config = {
    region: 'DE',
    telemetry: { endpoint: `${server.origin}/collect/reporter-404`, sendUsageFrom: 'browser', initialDelayMs: 0 },
  };
  await page.goto(server.page('reporter-404', embedding({ config })));
  await relay(page);
  server.failNext('/dist/consent-relay.reporter.js', 1);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect
    .poll(() => errors.some((text) => text.includes(`${server.origin}/dist/consent-relay.reporter.js`)), {
      timeout: 20_000,
    })
    .toBe(true);
  expect(errors.filter((text) => text.startsWith('pageerror'))).toEqual([]);
  expect(await hasConsent(page, 'telemetry')).toBe(true);
  await page.evaluate(() => (window as any).ConsentRelay.telemetry.flush());
  await expect.poll(() => sentTo('reporter-404').length, { timeout: 20_000 }).toBe(1);
});

test('the standalone file sends telemetry without fetching another file', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const config = {
    region: 'DE',
    telemetry: { endpoint: `${server.origin}/collect/standalone`, sendUsageFrom: 'browser', initialDelayMs: 0 },
  };
  await page.goto(server.page('standalone-telemetry', embedding({ config, src: '/dist/consent-relay.standalone.js' })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('standalone').length, { timeout: 20_000 }).toBe(1);
  // the server's own record (a keepalive fetch may reach Playwright's request event late or not at all)
  const paths = server.requests.map((request) => request.path).filter((path) => path !== '/favicon.ico');
  expect(paths).toEqual(['/p/standalone-telemetry', '/dist/consent-relay.standalone.js', '/collect/standalone']);
  expect(requested).not.toContain('/dist/consent-relay.reporter.js');
});

test('initialDelayMs default (1 h): nothing before the hour since first seen, the report after it', async ({
  page,
}) => {
  await page.clock.install();
  const config = {
    region: 'DE',
    telemetry: { endpoint: `${server.origin}/collect/default-delay`, sendUsageFrom: 'browser' },
  };
  await page.goto(server.page('default-delay', embedding({ config })));
  await relay(page);
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  const flush = () => page.evaluate(() => (window as any).ConsentRelay.telemetry.flush());
  expect((await flush()).reason).toBe('not_due');
  await page.clock.fastForward('59:00');
  expect((await flush()).reason).toBe('not_due');
  // the window for "nothing sent" is the test's own clock: 59 minutes, and two flushes answered not_due
  expect(sentTo('default-delay')).toEqual([]);
  await page.clock.fastForward('02:00');
  await flush();
  await expect.poll(() => sentTo('default-delay').length, { timeout: 20_000 }).toBe(1);
});

test("on('telemetry') hears of a transmission", async ({ page }) => {
  const config = {
    region: 'DE',
    telemetry: { endpoint: `${server.origin}/collect/event`, sendUsageFrom: 'browser', initialDelayMs: 0 },
  };
  await page.goto(server.page('telemetry-event', embedding({ config })));
  await relay(page);
  await page.evaluate(() => {
    (window as any).__telemetryEvents = [];
    (window as any).ConsentRelay.on('telemetry', (entry: unknown) => (window as any).__telemetryEvents.push(entry));
  });
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('event').length, { timeout: 20_000 }).toBe(1);
  await expect
    .poll(() => page.evaluate(() => (window as any).__telemetryEvents.length), { timeout: 20_000 })
    .toBeGreaterThan(0);
});

test('a geo answer with a region: CA + QC is CA-QC, opt-in', async ({ page }) => {
  const config = { geoEndpoint: server.heldGeo('quebec'), geoTimeoutMs: 120_000 };
  server.releaseGeo('quebec', { country: 'CA', region: 'QC' });
  await page.goto(server.page('quebec', embedding({ config })));
  expect(await relay(page)).toMatchObject({ region: 'CA-QC', regime: 'opt-in', regionSource: 'geo' });
});

test.describe('theming', () => {
  test('--cr-* custom properties on #consent-relay reach the banner; dark differs from light', async ({
    page,
    browserName,
  }) => {
    test.skip(browserName !== 'chromium', 'BiDi backend: colour scheme emulation is not supported (Chromium runs it)');
    const background = () =>
      page.locator('[data-cr="banner"]').evaluate((element) => {
        // the banner or the first ancestor inside the shadow root with a painted background
        let node: Element | null = element;
        while (node) {
          const color = getComputedStyle(node).backgroundColor;
          if (color && color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
          node = node.parentElement;
        }
        return '';
      });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(server.page('light', embedding({ config: { region: 'DE' } })));
    await relay(page);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'light' });
    const head = '<style>#consent-relay { --cr-bg: rgb(1, 2, 3); }</style>';
    await page.goto(server.page('themed', embedding({ config: { region: 'DE' }, head })));
    await relay(page);
    await expect.poll(background).toBe('rgb(1, 2, 3)');
  });
});

test.describe('the server status decides whether the browser takes over', () => {
  const HOUR = 3_600_000;
  const cases: Array<[string, (now: number) => unknown, number]> = [
    [
      'ok:false but disabled (the operator turned reporting off): nothing',
      (now) => ({ ok: false, disabled: true, lastReportedAt: null, lastAttemptAt: new Date(now).toISOString() }),
      0,
    ],
    ['ok:true, disabled: nothing', () => ({ ok: true, disabled: true, lastReportedAt: null, lastAttemptAt: null }), 0],
    [
      'ok:true, last report 2 h ago (within the interval): nothing',
      (now) => ({
        ok: true,
        lastReportedAt: new Date(now - 2 * HOUR).toISOString(),
        lastAttemptAt: new Date(now - 2 * HOUR).toISOString(),
      }),
      0,
    ],
    [
      'ok:true, last report 26 h ago (past interval + grace): one browser report',
      (now) => ({
        ok: true,
        lastReportedAt: new Date(now - 26 * HOUR).toISOString(),
        lastAttemptAt: new Date(now - 26 * HOUR).toISOString(),
        payload: { stale: true },
      }),
      1,
    ],
  ];
  for (const [index, [name, status, reports]] of cases.entries()) {
    test(name, async ({ page }) => {
      // SPEC §5: "A status with `disabled: true` (the operator turned reporting off) means the browser sends nothing
      // either", whatever `ok` says beside it.
      const tag = `status-${index}`;
      server.setStatus(tag, status(Date.now()));
      const config = {
        region: 'DE',
        telemetry: {
          endpoint: `${server.origin}/collect/${tag}`,
          serverStatusUrl: `${server.origin}/status/${tag}`,
          initialDelayMs: 0,
          intervalMs: 24 * HOUR,
        },
      };
      await page.goto(server.page(tag, embedding({ config })));
      await relay(page);
      await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
      const result = await page.evaluate(() => (window as any).ConsentRelay.telemetry.flush());
      expect(server.requests.some((request) => request.method === 'GET' && request.path === `/status/${tag}`)).toBe(
        true,
      );
      if (reports === 0) {
        // flush() has read the status and answered why it did not send: that is the window for "nothing sent"
        expect(result.reason).toBeTruthy();
        // not_due would mean this period's report has gone already
        expect(result.reason).not.toBe('not_due');
        expect(sentTo(tag)).toEqual([]);
      } else {
        await expect.poll(() => sentTo(tag).length, { timeout: 20_000 }).toBe(1);
        expect(JSON.parse(sentTo(tag)[0].body).server).toEqual({ stale: true });
      }
    });
  }
});

test.describe('gating where the regime allows by default', () => {
  const gated =
    '<script type="text/plain" data-consent-category="analytics">window.__ran = (window.__ran || 0) + 1;</script>';
  for (const region of ['US-CA', 'AU']) {
    test(`${region}: an analytics script runs without a click, once`, async ({ page }) => {
      await page.goto(server.page(`default-on-${region}`, embedding({ config: { region }, body: gated })));
      await relay(page);
      await expect.poll(() => page.evaluate(() => (window as any).__ran)).toBe(1);
      await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
      expect(await page.evaluate(() => (window as any).__ran)).toBe(1);
    });
  }

  test('US-CA with GPC: the analytics script never runs', async ({ page }) => {
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await page.goto(server.page('gpc-gated', embedding({ config: { region: 'US-CA' }, body: gated })));
    const state = await relay(page);
    await page.waitForLoadState('load');
    expect(state.categories.analytics).toBe(false);
    // the window for "never": ready has resolved and the page has loaded, with the decision already made for it
    expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined();
  });

  test('US-CA: the opt-out button records a refusal; the script that ran leads to a reload offer', async ({ page }) => {
    await page.goto(server.page('opt-out-click', embedding({ config: { region: 'US-CA' }, body: gated })));
    await relay(page);
    await expect.poll(() => page.evaluate(() => (window as any).__ran)).toBe(1);
    await page.locator('[data-cr="banner"] [data-cr-action="opt-out"]').click();
    await expect.poll(() => hasConsent(page, 'analytics')).toBe(false);
    const state = await page.evaluate(() => (window as any).ConsentRelay.getConsent());
    expect(state.decided).toBe(true);
    await expect(page.locator('[data-cr="reload"]')).toBeVisible();
  });
});

test.describe('files beside the drop-in', () => {
  const panelFrom = async (page: Page, url: string) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(url);
    await relay(page);
    await page.locator('[data-cr="banner"] [data-cr-action="preferences"]').click();
    await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
    return requested.filter((address) => address.includes('consent-relay.panel.js'));
  };

  test('a drop-in URL with a query string (cache busting): the panel comes from the same folder', async ({ page }) => {
    const url = server.page('query-src', embedding({ config: { region: 'DE' }, src: '/dist/consent-relay.js?v=3' }));
    const panel = await panelFrom(page, url);
    expect(panel.length).toBeGreaterThan(0);
    for (const address of panel) expect(new URL(address).pathname).toBe('/dist/consent-relay.panel.js');
  });

  test('a drop-in served from another origin (a CDN): the panel comes from that origin', async ({ page }) => {
    const cdn = server.origin.replace('127.0.0.1', 'localhost');
    const url = server.page('cdn-src', embedding({ config: { region: 'DE' }, src: `${cdn}/dist/consent-relay.js` }));
    const panel = await panelFrom(page, url);
    expect(panel.length).toBeGreaterThan(0);
    for (const address of panel) expect(address).toBe(`${cdn}/dist/consent-relay.panel.js`);
  });

  test('a drop-in injected after DOMContentLoaded still finds the panel beside it', async ({ page }) => {
    const url = server.page('injected-panel', embedding({ config: { region: 'DE' }, load: 'after-domcontentloaded' }));
    const panel = await panelFrom(page, url);
    expect(panel).toEqual([`${server.origin}/dist/consent-relay.panel.js`]);
  });
});

test('a data-consent-relay-open element the page adds later opens the panel too', async ({ page }) => {
  await page.goto(server.page('late-open', embedding({ config: { region: 'DE' } })));
  await relay(page);
  await page.evaluate(async () => {
    await (window as any).ConsentRelay.rejectAll();
    const link = document.createElement('a');
    link.href = '#';
    link.id = 'late';
    link.textContent = 'Cookie settings';
    link.setAttribute('data-consent-relay-open', '');
    document.body.appendChild(link);
  });
  await page.locator('#late').click();
  await expect(page.locator('[data-cr="preferences"]')).toBeVisible();
});

test('the opt-out regime: the cookie lasts the regime lifetime (365 days)', async ({ page }) => {
  await page.goto(server.page('optout-cookie', embedding({ config: { region: 'US-CA' } })));
  await relay(page);
  const before = Date.now();
  await page.evaluate(() => (window as any).ConsentRelay.acceptAll());
  const cookie = (await page.context().cookies()).find((c) => c.name === 'consent_relay');
  const days = (cookie!.expires * 1000 - before) / DAY;
  expect(days).toBeGreaterThan(364);
  expect(days).toBeLessThan(366);
});

test('one decision, two open tabs: one receipt, from the tab that decided', async ({ context }) => {
  const config = { region: 'DE', receiptEndpoint: `${server.origin}/collect/two-tabs` };
  const url = server.page('receipt-tabs', embedding({ config }));
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(url);
  await second.goto(url);
  await relay(first);
  await relay(second);
  await first.evaluate(() => (window as any).ConsentRelay.acceptAll());
  await expect.poll(() => sentTo('two-tabs').length).toBe(1);
  await expect.poll(() => hasConsent(second, 'analytics'), { timeout: 15_000 }).toBe(true);
  // The window for "no second receipt": the other tab has applied the decision and then made a request of its own,
  // which arrives after anything it started while applying it.
  await second.evaluate(() => fetch('/favicon.ico?marker'));
  expect(sentTo('two-tabs')).toHaveLength(1);
  expect(sentTo('two-tabs')[0].headers.referer).toBe(url);
});

test('revoking deletes a listed cookie set on a path prefix of the page too', async ({ page }) => {
  const head =
    '<script>window.ConsentRelayConfig = { region: "DE", categories: [{ id: "necessary" }, ' +
    '{ id: "analytics", cookies: ["_pathy"] }] };</script>';
  await page.goto(server.page('revoke-path', embedding({ via: 'none', head })));
  await relay(page);
  await page.evaluate(async () => {
    await (window as any).ConsentRelay.acceptAll();
    document.cookie = '_pathy=1; path=/p';
    document.cookie = '_pathy=2; path=/';
  });
  const pathy = async () => (await page.context().cookies()).filter((cookie) => cookie.name === '_pathy').length;
  expect(await pathy()).toBe(2);
  await page.evaluate(() => (window as any).ConsentRelay.rejectAll());
  await expect.poll(pathy).toBe(0);
});
