import { expect, test, type Page } from '@playwright/test';
import { action, banner, geo, ready, record, setConsentCookie, testPage } from './helpers';

test.use({ timezoneId: 'UTC' });

const EU = { geoEndpoint: geo('EU') };
const ran = (page: Page) => page.evaluate(() => (window as any).__ran as string[] | undefined);
const inline = (name: string, cat = 'analytics') =>
  `<script type="text/plain" data-consent-category="${cat}">window.__ran=(window.__ran||[]);window.__ran.push(${JSON.stringify(name)});</script>`;
const external = (name: string, cat = 'analytics', delay = 0) =>
  `<script type="text/plain" data-consent-category="${cat}" src="/__test/script.js?name=${name}&delay=${delay}"></script>`;

test('inline and src gated scripts wait for consent, then run once each, in document order', async ({ page }) => {
  // B is slow to load: C must still run after it
  await page.goto(testPage({ config: EU, body: inline('A') + external('B', 'analytics', 400) + inline('C') }));
  await ready(page);
  await page.waitForLoadState('load');
  expect(await ran(page)).toBeUndefined();
  await expect(page.locator('script[type="text/plain"][data-consent-category]')).toHaveCount(3);

  await action(page, 'accept-all').click();
  await expect.poll(() => ran(page)).toEqual(['A', 'B', 'C']);
  await expect(page.locator('script[type="text/plain"][data-consent-category]')).toHaveCount(0);
  // further changes and DOM activity do not run them again
  await page.evaluate(async () => {
    await window.ConsentRelay!.update({ telemetry: true });
    document.body.appendChild(document.createElement('div'));
    await window.ConsentRelay!.acceptAll();
  });
  // the gate runs scripts one after another: once a later one has run, a repeat would have shown before it
  await page.evaluate((h) => document.body.insertAdjacentHTML('beforeend', h), '<div></div>');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.setAttribute('data-consent-category', 'analytics');
    s.src = '/__test/script.js?name=Z';
    document.body.appendChild(s);
  });
  await expect.poll(() => ran(page)).toEqual(['A', 'B', 'C', 'Z']);
});

test('reject all: gated scripts never run', async ({ page }) => {
  await page.goto(testPage({ config: EU, body: inline('A') + external('B') }));
  await ready(page);
  await action(page, 'reject-all').click();
  await expect(banner(page)).toBeHidden();
  await page.evaluate(() => fetch('/__test/script.js?name=flush')); // a round trip for any stray load
  expect(await ran(page)).toBeUndefined();
});

test('a script needing two categories runs only when both are allowed', async ({ page }) => {
  await page.goto(testPage({ config: EU, body: inline('both', 'analytics telemetry') + inline('one') }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.update({ analytics: true }));
  await expect.poll(() => ran(page)).toEqual(['one']);
  await page.evaluate(() => window.ConsentRelay!.update({ telemetry: true }));
  await expect.poll(() => ran(page)).toEqual(['one', 'both']);
});

test('scripts added after consent run; one added before consent runs once it is given', async ({ page }) => {
  await page.goto(testPage({ config: EU }));
  await ready(page);
  const add = (html: string) =>
    page.evaluate((h) => {
      const t = document.createElement('template');
      t.innerHTML = h;
      // innerHTML scripts are inert: re-create them as a single-page app would insert them
      for (const old of Array.from(t.content.querySelectorAll('script'))) {
        const s = document.createElement('script');
        for (const a of Array.from(old.attributes)) s.setAttribute(a.name, a.value);
        s.text = old.text;
        document.body.appendChild(s);
      }
    }, html);
  await add(inline('early'));
  await page.evaluate(() => new Promise(requestAnimationFrame));
  expect(await ran(page)).toBeUndefined();
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['early']);
  await add(inline('late-inline'));
  await expect.poll(() => ran(page)).toEqual(['early', 'late-inline']);
  await add(external('late-src'));
  await expect.poll(() => ran(page)).toEqual(['early', 'late-inline', 'late-src']);
  // nested in a container, as frameworks insert them
  await page.evaluate(() => {
    const div = document.createElement('div');
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.setAttribute('data-consent-category', 'analytics');
    s.text = 'window.__ran.push("nested")';
    div.appendChild(s);
    document.body.appendChild(div);
  });
  await expect.poll(() => ran(page)).toEqual(['early', 'late-inline', 'late-src', 'nested']);
});

test('a returning visitor: gated scripts run on load without any click, in order', async ({ page, baseURL }) => {
  await setConsentCookie(page, baseURL!, record());
  await page.goto(
    testPage({ config: EU, body: inline('A') + external('B', 'analytics', 200) + inline('C') + external('D') }),
  );
  await expect.poll(() => ran(page)).toEqual(['A', 'B', 'C', 'D']);
  await expect(banner(page)).toHaveCount(0);
});

test("revoking deletes the category's listed cookies (any path) and offers a reload", async ({ page }) => {
  const config = {
    ...EU,
    categories: [{ id: 'necessary' }, { id: 'analytics', cookies: ['_ga', '/^_gid/', 'plain.name'] }],
  };
  await page.goto(testPage({ config, body: inline('A') }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['A']);
  await page.evaluate(() => {
    document.cookie = '_ga=GA1.1.123; path=/';
    document.cookie = '_gid_x=2; path=/__test';
    document.cookie = '_gid=3; path=/__test/';
    document.cookie = 'plain.name=4; path=/';
    document.cookie = 'plainXname=5; path=/';
    document.cookie = 'keep_me=1; path=/';
    document.cookie = 'not_ga=1; path=/';
  });
  const names = async () => (await page.context().cookies()).map((c) => c.name).sort();
  expect(await names()).toEqual([
    '_ga',
    '_gid',
    '_gid_x',
    'consent_relay',
    'keep_me',
    'not_ga',
    'plain.name',
    'plainXname',
  ]);

  await page.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
  await expect.poll(names).toEqual(['consent_relay', 'keep_me', 'not_ga', 'plainXname']);

  const notice = page.locator('[data-cr="reload"]');
  await expect(notice).toBeVisible();
  await expect(notice.locator('[data-cr-action="reload"]')).toBeVisible();
  await page.evaluate(() => ((window as any).__marker = 1));
  await notice.locator('[data-cr-action="reload"]').click();
  await expect.poll(() => page.evaluate(() => (window as any).__marker)).toBeUndefined();
  await ready(page);
  expect(await ran(page)).toBeUndefined();
  await expect(page.locator('[data-cr="reload"]')).toHaveCount(0);
});

test('revoking a category whose scripts never ran offers no reload', async ({ page }) => {
  await page.goto(testPage({ config: EU }));
  await ready(page);
  await page.evaluate(() => window.ConsentRelay!.acceptAll());
  await page.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
  expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(false);
  await expect(page.locator('[data-cr="reload"]')).toHaveCount(0);
});

test('a returning visitor: a gated inline script that arrives in two network chunks runs whole, once', async ({
  page,
  baseURL,
}) => {
  await setConsentCookie(page, baseURL!, record());
  const body =
    '<script type="text/plain" data-consent-category="analytics">window.__ran=(window.__ran||[]);window.__ran.push("first half"<!--stall-->, "second half");</script>' +
    inline('after');
  await page.goto(testPage({ config: EU, load: 'sync', body }));
  await expect.poll(() => ran(page)).toEqual(['first half', 'second half', 'after']);
});
