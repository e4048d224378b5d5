import { expect, test } from '@playwright/test';
import { ready, received, testPage } from './helpers';

const tagOf = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const DAY_S = 86_400;

/** The receipts state the drop-in keeps in IndexedDB (database `consent-relay`, store `kv`, key `receipts`). */
const outbox = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      new Promise<any>((resolve) => {
        const req = indexedDB.open('consent-relay');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) return resolve(null);
          const get = db.transaction('kv').objectStore('kv').get('receipts');
          get.onsuccess = () => (db.close(), resolve(get.result ?? null));
        };
        req.onerror = () => resolve(null);
      }),
  );

test.describe('consent records (the store behind receiptEndpoint)', () => {
  // A new PGlite directory takes seconds to create on a loaded machine: the first answer may be slow.
  test.setTimeout(120_000);

  test('the server sets the consent cookie for the regime lifetime; the key is kept and sent; the visitor reads their receipts', async ({
    page,
    request,
  }) => {
    const t = tagOf('rec');
    await page.goto(testPage({ config: { region: 'DE', receiptEndpoint: `/api/collector/receipts?t=${t}` } }));
    await ready(page);
    const answer = page.waitForResponse((r) => r.url().includes(`t=${t}`) && r.request().method() === 'POST', {
      timeout: 90_000,
    });
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    const res = await answer;
    expect(res.status()).toBe(201);
    const { id, visitor, key } = await res.json();
    expect(key).toMatch(/^[\w-]{40,}$/);
    expect(await res.headerValue('set-cookie')).toMatch(/^consent_relay=/);

    // the cookie is now the server's: the regime's 180 days (a script-written one is capped at 7 in Safari)
    const cookie = (await page.context().cookies()).find((c) => c.name === 'consent_relay')!;
    expect(cookie.httpOnly).toBe(false);
    expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(179 * DAY_S);
    const rec = JSON.parse(decodeURIComponent(cookie.value));
    expect(rec).toMatchObject({ id, vid: visitor, rgm: 'opt-in', c: { analytics: true } });
    expect(await page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
    await expect.poll(async () => (await outbox(page))?.k?.[visitor]).toBe(key);

    await page.evaluate(() => window.ConsentRelay!.update({ analytics: false }));
    await expect.poll(async () => (await received(request, t, 'receipt')).length).toBe(2);
    const second = (await received(request, t, 'receipt'))[1];
    expect(second.headers.authorization).toBe(`Bearer ${key}`);
    expect(second.body.visitor).toBe(visitor);
    await expect
      .poll(
        async () =>
          JSON.parse(
            decodeURIComponent((await page.context().cookies()).find((c) => c.name === 'consent_relay')!.value),
          ).c.analytics,
      )
      .toBe(false);

    // their own receipts, with their key; no one else's, not without it
    const mine = await request.get(`/api/collector/receipts?id=${visitor}&key=${key}`);
    expect(mine.status()).toBe(200);
    expect((await mine.json()).map((r: { id: string }) => r.id)).toEqual([id, second.body.id]);
    expect((await request.get(`/api/collector/receipts?id=${visitor}&key=not-the-key`)).status()).toBe(403);
    // a reload reads the server-set cookie: same decision, no banner
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent().categories.analytics)).toBe(false);
  });

  test('reset(): the withdrawal receipt is delivered, then nothing of ours is left in IndexedDB', async ({
    page,
    request,
  }) => {
    const t = tagOf('reset');
    await page.goto(testPage({ config: { region: 'DE', receiptEndpoint: `/api/collector/receipts?t=${t}` } }));
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.acceptAll());
    await expect.poll(async () => (await received(request, t, 'receipt')).length, { timeout: 90_000 }).toBe(1);
    await page.evaluate(() => window.ConsentRelay!.reset());
    await expect.poll(async () => (await received(request, t, 'receipt')).length, { timeout: 90_000 }).toBe(2);
    expect((await received(request, t, 'receipt'))[1].body.method).toBe('reset');
    // The queue re-created the database to keep the withdrawal until it was delivered; it goes once that is done.
    // (Read with databases(): opening the database to look would create it.)
    const names = () => page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)));
    await expect.poll(names).toEqual([]);
    expect(await page.evaluate(() => window.ConsentRelay!.getConsent().decided)).toBe(false);
  });

  test('a receipt the server could not take (503) is kept and delivered on a later visit, once', async ({
    page,
    request,
  }) => {
    const t = tagOf('retry');
    let refused = 0;
    await page.route('**/api/collector/receipts**', (r) =>
      r.request().method() === 'POST'
        ? (refused++, r.fulfill({ status: 503, headers: { 'retry-after': '30' }, body: '{}' }))
        : r.continue(),
    );
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const url = testPage({ config: { region: 'DE', receiptEndpoint: `/api/collector/receipts?t=${t}` } });
    await page.goto(url);
    await ready(page);
    await page.evaluate(() => window.ConsentRelay!.rejectAll());
    await expect.poll(() => refused).toBe(1);
    await expect.poll(() => errors.some((e) => e.includes('kept'))).toBe(true);
    const kept = await outbox(page);
    expect(kept.q).toHaveLength(1);
    const receiptId = kept.q[0].id;

    // the database is back; a later visit sends what was kept
    await page.unroute('**/api/collector/receipts**');
    await page.goto(url);
    await ready(page);
    await expect.poll(async () => (await received(request, t, 'receipt')).length, { timeout: 90_000 }).toBe(1);
    expect((await received(request, t, 'receipt'))[0].body.id).toBe(receiptId);
    await expect.poll(async () => (await outbox(page))?.q?.length).toBe(0);
    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    expect(await received(request, t, 'receipt')).toHaveLength(1);
  });
});
