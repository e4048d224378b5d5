import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createReceiptHandler } from '../receipts';
import { type ConsentStore, createConsentStore } from './create-store';
import { MIGRATIONS } from './migrations';
import { describeEngines, freshStore, pglite, postgres } from './test/engines';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00.000Z');
let n = 0;
const receipt = (over: Record<string, unknown> = {}) => ({
  id: `rcpt-${++n}-${Math.random().toString(36).slice(2, 10)}`,
  visitor: `visitor-${Math.random().toString(36).slice(2, 12)}`,
  revision: 1,
  region: 'FR',
  regime: 'opt-in',
  choices: { necessary: true, analytics: true },
  timestamp: new Date(NOW - 1000).toISOString(),
  ...over,
});
const post = (body: unknown, key?: string) =>
  new Request('https://shop.example/r', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
const all = async (it: AsyncIterable<unknown>) => {
  const out = [];
  for await (const x of it) out.push(x);
  return out;
};

describeEngines('store', (engine) => {
  let store: ConsentStore;
  let cleanup: () => Promise<void>;
  let opts: Awaited<ReturnType<typeof freshStore>>['opts'];
  beforeAll(async () => {
    ({ store, cleanup, opts } = await freshStore(engine));
  }, 180_000);
  afterAll(async () => cleanup?.());

  it('migrations are versioned and applied once: opening the same database again changes nothing', async () => {
    expect(store.engine).toBe(engine.name);
    const versions = await store.db.query<{ version: number }>('SELECT version FROM consent_relay_schema');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    if (engine.name === 'postgres') {
      // a second process on the same database (PGlite is one process's)
      const again = await createConsentStore({ url: opts.url });
      expect((await again.db.query('SELECT version FROM consent_relay_schema')).length).toBe(MIGRATIONS.length);
      await again.close();
    }
  });

  it('receipts are append-only: the database refuses an UPDATE', async () => {
    const handler = createReceiptHandler({ store, now: () => NOW });
    const r = receipt();
    expect((await handler.handle(post(r))).status).toBe(201);
    await expect(
      store.db.query("UPDATE consent_relay_receipts SET regime = 'notice' WHERE id = $1", [r.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('exports a date range (received time), oldest first, across pages; counts per regime and choice; retention', async () => {
    const times = [NOW - 400 * DAY, NOW - 30 * DAY, NOW - 2 * DAY, NOW];
    let clock = 0;
    const handler = createReceiptHandler({ store, now: () => clock });
    const made = [];
    for (const [i, t] of times.entries()) {
      clock = t;
      const r = receipt({
        regime: i === 1 ? 'opt-out' : 'opt-in',
        choices: { necessary: true, analytics: i % 2 === 0 },
        timestamp: new Date(t - 1000).toISOString(),
      });
      expect((await handler.handle(post(r))).status).toBe(201);
      made.push(r.id);
    }
    const range = { since: new Date(NOW - 31 * DAY), until: new Date(NOW - DAY).toISOString() };
    const got = (await all(store.exportReceipts(range))) as { id: string; receivedAt: string }[];
    expect(got.map((x) => x.id)).toEqual([made[1], made[2]]);
    expect(got[0].receivedAt).toBe(new Date(NOW - 30 * DAY).toISOString());
    // a date alone as `until` is the whole of that day
    const day = new Date(NOW).toISOString().slice(0, 10);
    expect(
      ((await all(store.exportReceipts({ since: day, until: day }))) as { id: string }[]).map((x) => x.id),
    ).toContain(made[3]);
    expect(() => store.exportReceipts({ since: 'last week' })).toThrow(/since/);
    // read as no range, these would export every receipt
    expect(() => store.exportReceipts({ from: '2026-01-01' } as never)).toThrow(/only since and until, got "from"/);
    expect(() => store.exportReceipts('2026-01-01' as never)).toThrow(/must be \{ since, until \}/);
    expect(() => store.countReceipts(new Date() as never)).toThrow(TypeError);

    const counts = await store.countReceipts({ since: new Date(NOW - 31 * DAY) });
    expect(counts).toEqual(
      expect.arrayContaining([
        { regime: 'opt-out', category: 'analytics', granted: 0, denied: 1 },
        { regime: 'opt-out', category: 'necessary', granted: 1, denied: 0 },
      ]),
    );
    const optIn = counts.find((c) => c.regime === 'opt-in' && c.category === 'analytics')!;
    expect(optIn.granted).toBeGreaterThanOrEqual(2);

    // the defaults keep the 400-day-old opt-in receipt (5 years and a decision); 100 days deletes it and only it
    expect(await store.purgeReceipts({ now: NOW })).toBe(0);
    expect(await store.purgeReceipts({ now: NOW, olderThanDays: 100 })).toBe(1);
    const left = ((await all(store.exportReceipts())) as { id: string }[]).map((x) => x.id);
    expect(left).not.toContain(made[0]);
    expect(left).toContain(made[1]);
    await expect(store.purgeReceipts({ olderThanDays: -1 })).rejects.toThrow(/olderThanDays/);
  });

  it('exports more receipts than one page holds', async () => {
    const handler = createReceiptHandler({ store, now: () => NOW + DAY });
    const ids = new Set<string>();
    for (let i = 0; i < 520; i++) {
      const r = receipt();
      ids.add(r.id);
      await handler.handle(post(r));
    }
    const got = (await all(store.exportReceipts({ since: new Date(NOW + DAY) }))) as { id: string }[];
    expect(got.length).toBe(520);
    expect(new Set(got.map((x) => x.id))).toEqual(ids);
  }, 120_000);
});

it.each<[string, unknown, RegExp]>([
  [
    'a misspelt url (an embedded store would be opened instead)',
    { URL: 'postgres://x@127.0.0.1/db' },
    /"URL" is not one of/,
  ],
  ['a misspelt dir', { directory: '/tmp/x' }, /option "directory" is not one of dir, url/],
  ['url from an unset variable (PostgreSQL was meant)', { url: undefined }, /option "url" is empty \(is DATABASE_URL/],
  ['url from an empty variable', { url: '' }, /option "url" is empty/],
  ['a pool size of 0', { url: 'postgres://x@127.0.0.1/db', max: 0 }, /option "max" must be an integer > 0/],
  ['a NaN time-out', { url: 'postgres://x@127.0.0.1/db', connectTimeoutMs: NaN }, /"connectTimeoutMs" must be/],
  ['a log without error()', { log: {} }, /option "log" must have an error function/],
  ['options that are a string', 'postgres://x@127.0.0.1/db', /options must be an object/],
])('createConsentStore rejects a bad option with a TypeError naming it: %s', async (_, options, message) => {
  const err = await createConsentStore(options as never).catch((e: Error) => e);
  expect(err).toBeInstanceOf(TypeError);
  expect((err as Error).message).toMatch(message);
});

it('an unreachable PostgreSQL rejects at creation naming the host, never the password', async () => {
  const server = createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  server.close();
  const err = await createConsentStore({
    url: `postgres://app:s3cr3t-pw@127.0.0.1:${port}/shop`,
    connectTimeoutMs: 2000,
  }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toContain(`127.0.0.1:${port}`);
  expect((err as Error).message).not.toContain('s3cr3t-pw');
  expect(String((err as Error).stack)).not.toContain('s3cr3t-pw');
});

it('a PGlite directory that cannot be created or written is an error naming it, not a crash', async () => {
  const base = mkdtempSync(join(tmpdir(), 'consent-relay-bad-'));
  try {
    const file = join(base, 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(createConsentStore({ dir: join(file, 'db') })).rejects.toThrow(file);
    if (process.getuid?.() !== 0) {
      // root writes anywhere: the read-only case is only testable as another user
      const ro = join(base, 'ro');
      writeFileSync(join(base, 'keep'), '');
      chmodSync(base, 0o555);
      await expect(createConsentStore({ dir: ro })).rejects.toThrow(ro);
      chmodSync(base, 0o755);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

it.skipIf(!!postgres.skip)(
  'the database lost mid-run: 503 with Retry-After, nothing stored; back again: stored once',
  async () => {
    // a TCP relay in front of PostgreSQL that the test can cut, as a network partition or a restart would
    const target = new URL(inject('pgUrl'));
    const sockets = new Set<Socket>();
    let relay: Server;
    const listen = (port: number) =>
      new Promise<void>((resolve) => {
        relay = createServer((client) => {
          const upstream = connect(Number(target.port), target.hostname);
          sockets.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const end = () => (client.destroy(), upstream.destroy());
          client.on('error', end).on('close', end);
          upstream.on('error', end).on('close', end);
        }).listen(port, '127.0.0.1', () => resolve());
      });
    await listen(0);
    const port = (relay!.address() as { port: number }).port;
    const fresh = await postgres.fresh();
    const url = new URL(fresh.url!);
    url.host = `127.0.0.1:${port}`;
    const errors: string[] = [];
    const store = await createConsentStore({
      url: url.href,
      connectTimeoutMs: 1000,
      log: { error: (m) => errors.push(m) },
    });
    const handler = createReceiptHandler({ store, retryAfterSeconds: 7, log: { error: (m) => errors.push(m) } });
    try {
      const r = receipt({ timestamp: new Date().toISOString() });
      await new Promise<void>((resolve) => relay.close(() => resolve()) && sockets.forEach((s) => s.destroy()));
      const down = await handler.handle(post(r));
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('7');
      expect(errors.join('\n')).toContain(`127.0.0.1:${port}`);
      await listen(port);
      const up = await handler.handle(post(r));
      expect(up.status).toBe(201);
      const { key } = await up.json();
      expect((await handler.handle(post(r, key))).status).toBe(200);
      expect(((await all(store.exportReceipts())) as { id: string }[]).filter((x) => x.id === r.id)).toHaveLength(1);
    } finally {
      await store.close();
      relay!.close();
      sockets.forEach((s) => s.destroy());
      await fresh.cleanup();
    }
  },
  60_000,
);

it('the embedded store closed under the handler: 503, not a crash', async () => {
  const { dir, cleanup } = await pglite.fresh();
  const store = await createConsentStore({ dir });
  const handler = createReceiptHandler({ store, log: { error() {} } });
  await store.close();
  const res = await handler.handle(post(receipt({ timestamp: new Date().toISOString() })));
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  await cleanup();
}, 120_000);

it('the same PGlite directory opened twice in one process is one database: nothing written through one is lost', async () => {
  const { dir, cleanup } = (await pglite.fresh()) as { dir: string; cleanup(): Promise<void> };
  const first = await createConsentStore({ dir });
  // another module of the application opening "the" store, here by a path that differs in spelling only
  const second = await createConsentStore({ dir: `${dir}/./` });
  try {
    const r1 = receipt();
    const r2 = receipt();
    expect((await createReceiptHandler({ store: first }).handle(post(r1))).status).toBe(201);
    expect((await createReceiptHandler({ store: second }).handle(post(r2))).status).toBe(201);
    const ids = async (s: ConsentStore) => ((await all(s.exportReceipts())) as { id: string }[]).map((x) => x.id);
    expect(await ids(first)).toEqual([r1.id, r2.id]);
    expect(await ids(second)).toEqual([r1.id, r2.id]);
    await first.close();
    // the other is still open; the last close() closes the database, and both receipts are on disk
    expect(await ids(second)).toEqual([r1.id, r2.id]);
    await second.close();
    const again = await createConsentStore({ dir });
    expect(await ids(again)).toEqual([r1.id, r2.id]);
    await again.close();
  } finally {
    await first.close();
    await second.close();
    await cleanup();
  }
}, 120_000);
