import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseRecord } from '../src/consent/record';
import { createReceiptHandler, type ReceiptHandler } from './receipts';
import type { ConsentStore } from './store/create-store';
import { describeEngines, freshStore } from './store/test/engines';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
let n = 0;
const id = () => `receipt-${++n}-${Math.random().toString(36).slice(2, 10)}`;

const receipt = (over: Record<string, unknown> = {}) => ({
  id: id(),
  visitor: `visitor-${Math.random().toString(36).slice(2, 12)}`,
  revision: 1,
  region: 'DE-BY',
  regime: 'opt-in',
  choices: { necessary: true, analytics: false, telemetry: true },
  timestamp: new Date(NOW - 1000).toISOString(),
  method: 'banner',
  language: 'de',
  signal: false,
  ...over,
});

const post = (body: unknown, headers: Record<string, string> = {}, url = 'https://shop.example/consent/receipts') =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The consent cookie the answer sets, read the way the drop-in reads it (js-cookie's decoding, then parseRecord). */
function cookieOf(res: Response) {
  const header = res.headers.get('set-cookie') || '';
  const [pair, ...attrs] = header.split('; ');
  const eq = pair.indexOf('=');
  const value = pair.slice(eq + 1).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  return { name: pair.slice(0, eq), value, attrs, record: value ? parseRecord(value) : null };
}

describeEngines('receipts endpoint', (engine) => {
  let store: ConsentStore;
  let cleanup: () => Promise<void>;
  let receipts: ReceiptHandler;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(engine));
    receipts = createReceiptHandler({
      store,
      cookie: { name: 'consent_relay', domain: 'shop.example' },
      now: () => NOW,
      log: { error: (m) => errors.push(m) },
    });
  }, 180_000);
  afterAll(async () => cleanup?.());

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a misspelt option', { cookies: { name: 'x' } }, /option "cookies" is not one of store, cookie/],
    ['a misspelt cookie option', { cookie: { maxAge: 30 } }, /option "cookie.maxAge" is not one of name, domain/],
    ['an infinite maxAgeDays (Max-Age=Infinity)', { cookie: { maxAgeDays: Infinity } }, /"cookie.maxAgeDays" must be/],
    ['a NaN maxAgeDays', { cookie: { maxAgeDays: NaN } }, /"cookie.maxAgeDays" must be a number of days > 0/],
    ['a maxAgeDays past 400 (the drop-in refuses it too)', { cookie: { maxAgeDays: 401 } }, /up to 400/],
    ['a domain with a ; (another attribute)', { cookie: { domain: 'shop.example; HttpOnly' } }, /"cookie.domain"/],
    ['a path without /', { cookie: { path: 'consent' } }, /"cookie.path" must be a path starting with '\/'/],
    ['a path with a line break', { cookie: { path: '/a\r\nX-Evil: 1' } }, /"cookie.path"/],
    ['secure as a string', { cookie: { secure: 'yes' } }, /"cookie.secure" must be a boolean/],
    ['an unknown sameSite', { cookie: { sameSite: 'loose' } }, /"cookie.sameSite" must be 'Lax', 'Strict' or 'None'/],
    ['a negative retryAfterSeconds', { retryAfterSeconds: -1 }, /"retryAfterSeconds" must be an integer >= 0/],
    ['a log without error()', { log: { info() {} } }, /"log" must have an error function/],
    ['a store that is not one', { store: {} }, /"store" must be a store from createConsentStore\(\)/],
  ])('a bad option throws a TypeError naming it at creation: %s', (_, override, message) => {
    const create = () => createReceiptHandler({ store, ...override } as never);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('stores a receipt: 201 { id, visitor, key }, and the consent cookie the drop-in reads', async () => {
    const r = receipt();
    const res = await receipts.handle(post(r));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ id: r.id, visitor: r.visitor, key: expect.stringMatching(/^[\w-]{40,}$/) });
    const c = cookieOf(res);
    expect(c.name).toBe('consent_relay');
    expect(c.record).toMatchObject({
      v: 1,
      id: r.id,
      rev: 1,
      at: NOW - 1000,
      exp: NOW - 1000 + 180 * DAY,
      c: r.choices,
      by: 'banner',
      reg: 'DE-BY',
      rgm: 'opt-in',
      lang: 'de',
      vid: r.visitor,
    });
    expect(c.attrs).toEqual([
      'Path=/',
      'Domain=shop.example',
      `Max-Age=${180 * 86400}`,
      `Expires=${new Date(NOW + 180 * DAY).toUTCString()}`,
      'SameSite=Lax',
      'Secure',
    ]);
    expect(res.headers.get('set-cookie')).not.toMatch(/HttpOnly/i);
    const exported = [];
    for await (const x of store.exportReceipts()) if (x.visitor === r.visitor) exported.push(x);
    expect(exported).toEqual([
      {
        ...r,
        expires: new Date(NOW - 1000 + 180 * DAY).toISOString(),
        regionSource: 'unknown',
        receivedAt: new Date(NOW).toISOString(),
      },
    ]);
  });

  it('no Secure on plain http; the regime lifetime or cookie.maxAgeDays', async () => {
    const res = await receipts.handle(post(receipt({ regime: 'opt-out' }), {}, 'http://shop.example/r'));
    expect(cookieOf(res).attrs).not.toContain('Secure');
    expect(cookieOf(res).attrs).toContain(`Max-Age=${365 * 86400}`);
    const short = createReceiptHandler({ store, cookie: { maxAgeDays: 30, sameSite: 'Strict' }, now: () => NOW });
    const res2 = await short.handle(post(receipt()));
    expect(cookieOf(res2).attrs).toEqual(expect.arrayContaining(['Max-Age=2592000', 'SameSite=Strict']));
    expect(cookieOf(res2).attrs.some((a) => a.startsWith('Domain'))).toBe(false);
    // the drop-in's own cookie config, shared: sameSite in any case, as the drop-in takes it
    const shared = createReceiptHandler({ store, cookie: { name: 'consent_relay', sameSite: 'strict' as never } });
    expect(cookieOf(await shared.handle(post(receipt()))).attrs).toContain('SameSite=Strict');
  });

  it('drops unknown fields and stores nothing of the request (no IP, no user agent)', async () => {
    const r = receipt();
    const res = await receipts.handle(
      post(
        { ...r, ip: '203.0.113.9', userAgent: 'Mozilla/5.0', extra: { a: 1 } },
        { 'user-agent': 'Mozilla/5.0 (X11)', 'x-forwarded-for': '203.0.113.9' },
      ),
    );
    expect(res.status).toBe(201);
    for await (const x of store.exportReceipts()) {
      if (x.id !== r.id) continue;
      const text = JSON.stringify(x);
      expect(text).not.toContain('203.0.113.9');
      expect(text).not.toContain('Mozilla');
      expect(Object.keys(x).sort()).toEqual([...Object.keys(r), 'expires', 'regionSource', 'receivedAt'].sort());
    }
  });

  it.each([
    ['id', { id: 'x' }],
    ['visitor', { visitor: 'no spaces allowed' }],
    ['revision', { revision: -1 }],
    ['region', { region: 'germany' }],
    ['regime', { regime: 'strict' }],
    ['choices', { choices: [true] }],
    ['choices.Analytics', { choices: { Analytics: true } }],
    ['choices.analytics', { choices: { analytics: 'yes' } }],
    ['timestamp', { timestamp: 'yesterday' }],
    ['timestamp', { timestamp: new Date(NOW + DAY).toISOString() }],
    ['method', { method: 'magic' }],
    ['language', { language: '<script>' }],
    ['signal', { signal: 'yes' }],
    ['expires', { expires: new Date(NOW - DAY).toISOString() }],
  ])('a bad %s is a 400 naming it, nothing stored', async (field, over) => {
    const r = receipt(over);
    const res = await receipts.handle(post(r));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.field).toBe(field);
    expect(body.error).toContain(field);
    for await (const x of store.exportReceipts()) expect(x.visitor).not.toBe(r.visitor);
  });

  it('not JSON is a 400; over 8 KiB is a 413; other methods 405', async () => {
    expect((await receipts.handle(post('{nope'))).status).toBe(400);
    const big = receipt({ pad: 'x'.repeat(8200) });
    expect((await receipts.handle(post(big))).status).toBe(413);
    expect((await receipts.handle(new Request('https://x.example/', { method: 'PUT', body: '{}' }))).status).toBe(405);
  });

  it('a cross-site form post is refused (it could plant a decision in a visitor browser)', async () => {
    const res = await receipts.handle(
      post(JSON.stringify(receipt()), { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' }),
    );
    expect(res.status).toBe(403);
  });

  it('the receipt id is an idempotency key: the same receipt twice is stored once; other content is a 409', async () => {
    const r = receipt();
    const first = await receipts.handle(post(r));
    const { key } = await first.json();
    const again = await receipts.handle(post(r, { authorization: `Bearer ${key}` }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: r.id, visitor: r.visitor, key });
    const other = await receipts.handle(
      post({ ...r, choices: { analytics: true } }, { authorization: `Bearer ${key}` }),
    );
    expect(other.status).toBe(409);
    const stored = [];
    for await (const x of store.exportReceipts()) if (x.id === r.id) stored.push(x);
    expect(stored).toHaveLength(1);
    expect(stored[0].choices).toEqual(r.choices);
  });

  it('later receipts of a visitor need their key (403 without it, nothing stored); GET returns theirs only', async () => {
    const a = receipt();
    const { key } = await (await receipts.handle(post(a))).json();
    const a2 = receipt({ visitor: a.visitor, timestamp: new Date(NOW - 500).toISOString(), method: 'preferences' });
    expect((await receipts.handle(post(a2))).status).toBe(403);
    expect((await receipts.handle(post(a2, { authorization: 'Bearer wrong-key' }))).status).toBe(403);
    const ok = await receipts.handle(post({ ...a2, key }));
    expect(ok.status).toBe(201);
    // docs/SPEC.md §7: every answer is { id, visitor, key }; after the first, the key is the one the device sent
    expect(await ok.json()).toEqual({ id: a2.id, visitor: a.visitor, key });
    const b = receipt();
    const keyB = (await (await receipts.handle(post(b))).json()).key;

    const get = (q: string, h: Record<string, string> = {}) =>
      receipts.handle(new Request(`https://shop.example/consent/receipts?${q}`, { headers: h }));
    const mine = await get(`id=${a.visitor}&key=${key}`);
    expect(mine.status).toBe(200);
    const list = await mine.json();
    expect(list.map((x: { id: string }) => x.id)).toEqual([a.id, a2.id]);
    const bearer = await get(`id=${a.visitor}`, { authorization: `Bearer ${key}` });
    expect((await bearer.json()).length).toBe(2);
    expect((await get(`id=${a.visitor}&key=${keyB}`)).status).toBe(403);
    expect((await get(`id=${a.visitor}`)).status).toBe(403);
    expect((await get(`id=unknown-visitor&key=${key}`)).status).toBe(403);
    expect((await get('')).status).toBe(400);
  });

  it('the cookie follows the latest decision: an older receipt retried late does not bring it back', async () => {
    const first = receipt({ choices: { analytics: true } });
    const { key } = await (await receipts.handle(post(first))).json();
    const later = receipt({
      visitor: first.visitor,
      choices: { analytics: false },
      timestamp: new Date(NOW - 200).toISOString(),
    });
    const earlier = receipt({
      visitor: first.visitor,
      choices: { analytics: true },
      timestamp: new Date(NOW - 600).toISOString(),
    });
    const auth = { authorization: `Bearer ${key}` };
    expect(cookieOf(await receipts.handle(post(later, auth))).record?.id).toBe(later.id);
    const late = await receipts.handle(post(earlier, auth));
    expect(late.status).toBe(201);
    expect(cookieOf(late).record).toMatchObject({ id: later.id, c: { analytics: false } });
  });

  it('a withdrawal (reset) is stored and deletes the cookie', async () => {
    const r = receipt();
    const { key } = await (await receipts.handle(post(r))).json();
    const w = receipt({
      visitor: r.visitor,
      method: 'reset',
      choices: { necessary: true, analytics: false },
      timestamp: new Date(NOW).toISOString(),
    });
    const res = await receipts.handle(post(w, { authorization: `Bearer ${key}` }));
    expect(res.status).toBe(201);
    const c = cookieOf(res);
    expect(c.value).toBe('');
    expect(c.attrs).toContain('Max-Age=0');
  });

  it('the first receipt posted again without a key gets a new key, and the first one keeps working', async () => {
    // The first answer may have been lost (the device has no key), or only slow (the device has the first key and a
    // retry or a second tab posted again): both devices' keys work afterwards.
    const r = receipt();
    const { key: first } = await (await receipts.handle(post(r))).json();
    const again = await receipts.handle(post(r));
    expect(again.status).toBe(200);
    const { key } = await again.json();
    expect(key).toMatch(/^[\w-]{40,}$/);
    expect(key).not.toBe(first);
    const get = (k: string) => receipts.handle(new Request(`https://x.example/?id=${r.visitor}&key=${k}`));
    expect((await get(key)).status).toBe(200);
    expect((await get(first)).status).toBe(200);
    const later = receipt({ visitor: r.visitor, timestamp: new Date(NOW - 100).toISOString() });
    const res = await receipts.handle(post(later, { authorization: `Bearer ${first}` }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: later.id, visitor: r.visitor, key: first });
    expect((await get('not-their-key')).status).toBe(403);
  });

  it('the same first receipt posted by several requests at once (two tabs, a retry racing a slow answer): all 2xx, stored once', async () => {
    const r = receipt();
    const answers = await Promise.all([1, 2, 3, 4].map(() => receipts.handle(post(r))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const keys: string[] = [];
    for (const a of answers) {
      const body = await a.json();
      expect(body).toEqual({ id: r.id, visitor: r.visitor, key: expect.stringMatching(/^[\w-]{40,}$/) });
      keys.push(body.key);
    }
    for (const k of keys) {
      const mine = await receipts.handle(new Request(`https://x.example/?id=${r.visitor}&key=${k}`));
      expect(mine.status).toBe(200);
      expect((await mine.json()).map((x: { id: string }) => x.id)).toEqual([r.id]);
    }
  });

  it('a stranger re-posting the first receipt again and again pushes out old keys, a few at most are kept', async () => {
    const r = receipt();
    const keys = [(await (await receipts.handle(post(r))).json()).key];
    for (let i = 0; i < 5; i++) keys.push((await (await receipts.handle(post(r))).json()).key);
    const get = (k: string) => receipts.handle(new Request(`https://x.example/?id=${r.visitor}&key=${k}`));
    const statuses = [];
    for (const k of keys) statuses.push((await get(k)).status);
    // the current key and the four before it
    expect(statuses).toEqual([403, 200, 200, 200, 200, 200]);
  });
});
