import { expect, test } from '@playwright/test';
import { consentCookie as serverCookie } from '../server/receipts-cookie';
import { action, banner, ready, record, testPage } from './helpers';

/*
 * The consent cookie as src/storage/cookie.ts writes and reads it: js-cookie 3's format (which it replaced), the same
 * bytes the server half sets (server/receipts-cookie.ts), so either half reads what the other wrote.
 */

const DE = testPage({ config: { region: 'DE' } });

test('a decision writes the cookie the server half would set for it: same value bytes, path, SameSite, lifetime', async ({
  page,
}) => {
  await page.goto(DE);
  await ready(page);
  const before = Date.now();
  await action(page, 'accept-all').click();
  await expect(banner(page)).toBeHidden();
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'consent_relay')).toBe(true);
  const written = (await page.context().cookies()).find((c) => c.name === 'consent_relay')!;
  const { w, ...rec } = JSON.parse(decodeURIComponent(written.value));
  // The server's Set-Cookie for the same record and write time: its value is the drop-in's, byte for byte.
  const setCookie = serverCookie(rec, { name: 'consent_relay' }, false, w);
  expect(written.value).toBe(setCookie.slice('consent_relay='.length, setCookie.indexOf(';')));
  // js-cookie's encoding: { } : stay as they are, quotes and commas are escaped.
  expect(written.value.startsWith('{%22v%22:1%2C%22id%22:')).toBe(true);
  expect(written.path).toBe('/');
  expect(written.sameSite).toBe('Lax');
  expect(written.secure).toBe(false);
  expect(written.httpOnly).toBe(false);
  // opt-in (DE): 180 days, from the moment of writing
  const days = (written.expires * 1000 - before) / 86_400_000;
  expect(days).toBeGreaterThan(179.9);
  expect(days).toBeLessThan(180.1);
});

test("read among the page's own cookies: the first of ours that decodes counts", async ({ page, baseURL }) => {
  const rec = record({ c: { necessary: true, analytics: true, telemetry: false } });
  const value = serverCookie(rec as never, { name: 'consent_relay' }, false, Date.now());
  const ours = value.slice('consent_relay='.length, value.indexOf(';'));
  await page.context().addCookies([
    { name: 'plain', value: 'a=b=c', url: baseURL + '/' },
    // Ours on a longer path comes first in document.cookie; its value is not valid percent-encoding (decoding it
    // throws), so the reader goes on to the next one, as js-cookie did.
    { name: 'consent_relay', value: '%E0%A4%A', domain: new URL(baseURL!).hostname, path: '/__test' },
    { name: 'consent_relay', value: ours, url: baseURL + '/' },
  ]);
  await page.goto(DE);
  const state = await ready(page);
  expect(state.decided).toBe(true);
  expect(state.categories).toEqual({ necessary: true, analytics: true, telemetry: false });
  await expect(banner(page)).toHaveCount(0);
});

test('a cookie value in double quotes (some servers quote values) reads as the record inside them', async ({
  page,
  baseURL,
}) => {
  const rec = record();
  const value = serverCookie(rec as never, { name: 'consent_relay' }, false, Date.now());
  const ours = value.slice('consent_relay='.length, value.indexOf(';'));
  await page.context().addCookies([{ name: 'consent_relay', value: `"${ours}"`, url: baseURL + '/' }]);
  await page.goto(DE);
  expect((await ready(page)).decided).toBe(true);
});

test('reset() removes the cookie (an expiry in the past, same path)', async ({ page }) => {
  await page.goto(DE);
  await ready(page);
  await action(page, 'reject-all').click();
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'consent_relay')).toBe(true);
  await page.evaluate(() => window.ConsentRelay!.reset());
  expect((await page.context().cookies()).some((c) => c.name === 'consent_relay')).toBe(false);
  expect(await page.evaluate(() => document.cookie.includes('consent_relay'))).toBe(false);
});
