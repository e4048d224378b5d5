import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCounters } from './counters';
import { memoryKv } from './memory-kv.test-helper';
import { parseTelemetryOptions } from './options';
import { readLog } from './types';
import {
  createReporter,
  LOG_FULL,
  LOG_KEY,
  LOG_MAX,
  OUTBOX_KEY,
  OUTBOX_MAX,
  STATE_KEY,
  type ReporterDeps,
} from './reporter';

type Answer = { status: number; headers?: Record<string, string> } | 'network';
function fakeFetch(answers: Answer[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    if (url.endsWith('/status')) return new Response(null, { status: 204 });
    const a = answers.shift() ?? { status: 202 };
    if (a === 'network') throw new TypeError('Failed to fetch');
    return new Response('{}', { status: a.status, headers: a.headers });
  }) as unknown as typeof fetch;
  return { fn, calls, posts: () => calls.filter((c) => !c.url.endsWith('/status')) };
}

let consent = true;
let errors: string[] = [];
function setup(telemetry: Record<string, unknown> = {}, answers: Answer[] = []) {
  const kv = memoryKv();
  const f = fakeFetch(answers);
  const { options, errors: bad } = parseTelemetryOptions(
    { endpoint: 'https://t.example/c', sendUsageFrom: 'browser', initialDelayMs: 0, intervalMs: 60_000, ...telemetry },
    'https://app.example/',
  );
  expect(bad).toEqual([]);
  const deps: ReporterDeps = {
    options,
    kv,
    fetch: f.fn,
    now: () => Date.now(),
    locks: undefined, // the IndexedDB lease path (Safari < 15.4)
    counters: createCounters((e) => errors.push(e)),
    consent: () => consent,
    signals: () => ({ dnt: false, gpc: false }),
    onLog: () => {},
    onError: (e) => errors.push(e),
  };
  return { r: createReporter(deps), kv, f, deps };
}

beforeEach(() => {
  consent = true;
  errors = [];
  vi.useFakeTimers({ now: Date.parse('2025-06-01T12:00:00Z') });
});
afterEach(() => vi.useRealTimers());

describe('reporter', () => {
  it('sends once per interval, logs it and tells the server', async () => {
    const { r, f, kv } = setup({ serverStatusUrl: '/status' });
    expect(await r.check()).toMatchObject({ reason: 'send' });
    expect(f.posts()).toHaveLength(1);
    const body = JSON.parse(String(f.posts()[0].init.body));
    expect(body).toMatchObject({ schema: 1, source: 'browser', server: null, instanceId: expect.any(String) });
    expect(f.calls.find((c) => c.url === 'https://app.example/status')?.init.body).toBe(
      JSON.stringify({ reportedAt: body.sentAt }),
    );
    expect(await r.check()).toMatchObject({ reason: 'not_due' });
    expect(f.posts()).toHaveLength(1);
    expect((await readLog(kv)).map((e) => e.status)).toEqual(['sent']);
    expect(kv.data.get(OUTBOX_KEY)).toEqual([]);
    r.stop();
  });

  it('a permanent 4xx (413) is refused and dropped, not retried for ever', async () => {
    const { r, f, kv } = setup({}, [{ status: 413 }]);
    await r.check();
    expect(f.posts()).toHaveLength(1);
    expect(kv.data.get(OUTBOX_KEY)).toEqual([]);
    expect((await readLog(kv)).map((e) => [e.status, e.httpStatus])).toEqual([['refused', 413]]);
    expect(errors.join('\n')).toMatch(/HTTP 413.*not retried/);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.posts()).toHaveLength(1);
    r.stop();
  });

  it('an HTTP 500 is not sent: failed, kept, retried with backoff', async () => {
    const { r, f, kv } = setup({}, [{ status: 500 }]);
    await r.check();
    expect((await readLog(kv)).map((e) => [e.status, e.httpStatus])).toEqual([['failed', 500]]);
    expect(kv.data.get(OUTBOX_KEY)).toHaveLength(1);
    // Backoff for the first retry: 1–2 s (base 2 s, equal jitter); the next period is a minute away.
    await vi.advanceTimersByTimeAsync(2100);
    expect(f.posts()).toHaveLength(2);
    expect((await readLog(kv)).map((e) => e.status)).toEqual(['failed', 'sent']);
    r.stop();
  });

  it('honours Retry-After on 503, and the retry timer is not replaced by the next period', async () => {
    const { r, f } = setup({}, [{ status: 503, headers: { 'retry-after': '3' } }]);
    await r.check();
    await vi.advanceTimersByTimeAsync(2900);
    expect(f.posts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(f.posts()).toHaveLength(2);
    // One idempotency key per period, the same on every attempt.
    expect(f.posts()[1].init.headers).toEqual(f.posts()[0].init.headers);
    r.stop();
  });

  it('withdrawal while the request is in flight: the queue and the instance id stay gone', async () => {
    const { r, kv, deps } = setup();
    deps.fetch = (async () => {
      // The visitor withdraws (another tab, a click) while this request is out; it then fails.
      consent = false;
      await r.purge();
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const r2 = createReporter(deps);
    await r2.check();
    expect(kv.data.has(OUTBOX_KEY)).toBe(false);
    expect(kv.data.get(STATE_KEY)).toEqual({});
    r2.stop();
    r.stop();
  });

  it('withdrawal before a queued report is retried: nothing more is sent', async () => {
    const { r, f, kv } = setup({}, ['network']);
    await r.check();
    expect(kv.data.get(OUTBOX_KEY)).toHaveLength(1);
    consent = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.posts()).toHaveLength(1);
    expect(kv.data.has(OUTBOX_KEY)).toBe(false);
    r.stop();
  });

  it('a payload that is not JSON is refused, never thrown into the page', async () => {
    const { r, f } = setup({ sendUsageFrom: 'server' });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    await expect(r.serverReportFailed(cyclic)).resolves.toMatchObject({ reason: 'send' });
    expect(errors.join('\n')).toMatch(/serverReportFailed/);
    expect(JSON.parse(String(f.posts()[0].init.body)).server).toBeNull();
    r.stop();
  });

  it('sends the payload as it was when the host reported the failure', async () => {
    const { r, f } = setup({ sendUsageFrom: 'server' });
    const p = { nodes: 3 };
    const done = r.serverReportFailed(p);
    p.nodes = 99;
    await done;
    expect(JSON.parse(String(f.posts()[0].init.body)).server).toEqual({ nodes: 3 });
    r.stop();
  });

  it(`keeps at most ${OUTBOX_MAX} unsent reports, the newest`, async () => {
    const { r, kv, deps } = setup({ intervalMs: 1000 }, Array(20).fill('network'));
    for (let i = 0; i < OUTBOX_MAX + 3; i++) {
      await r.check();
      await vi.advanceTimersByTimeAsync(1000);
    }
    r.stop();
    const box = kv.data.get(OUTBOX_KEY) as unknown[];
    expect(box).toHaveLength(OUTBOX_MAX);
    expect(errors.join('\n')).toMatch(/outbox full/);
    void deps;
  });

  it(`keeps the log bounded (${LOG_MAX} entries)`, async () => {
    const { r, kv } = setup({ intervalMs: 1000, strategy: 'logging' });
    for (let i = 0; i < LOG_MAX + 5; i++) {
      await r.check();
      await vi.advanceTimersByTimeAsync(1000);
    }
    r.stop();
    const log = kv.data.get(LOG_KEY) as Array<{ report?: unknown }>;
    expect(log).toHaveLength(LOG_MAX);
    // Bounded in bytes too: only the newest entries keep their full report.
    expect(log.map((e) => !!e.report)).toEqual([
      ...Array(LOG_MAX - LOG_FULL).fill(false),
      ...Array(LOG_FULL).fill(true),
    ]);
  });

  it("purge() removes the queue, the instance id and the counts, and keeps the log (the visitor's record)", async () => {
    const { r, kv } = setup({}, [{ status: 500 }]);
    await r.check();
    r.stop();
    expect(kv.data.get(OUTBOX_KEY)).toHaveLength(1);
    await r.purge();
    expect(kv.data.has(OUTBOX_KEY)).toBe(false);
    expect(kv.data.get(STATE_KEY)).toEqual({});
    expect((await readLog(kv)).map((e) => e.status)).toEqual(['failed']);
  });

  it('a tab that finds the IndexedDB lease held looks again later (it reports once the other tab is gone)', async () => {
    const { r, f, kv } = setup({ intervalMs: 120_000 });
    // Another tab holds the lease (no Web Locks) and then closes without releasing it: the lease runs out on its own.
    kv.data.set('tm:lease', { owner: 'another-tab', until: Date.now() + 30_000 });
    expect(await r.check()).toMatchObject({ reason: 'not_due' });
    expect(f.posts()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(31_000);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(f.posts()).toHaveLength(1);
    r.stop();
  });

  it("the preview before the first report is due already carries the failing server's payload, as the report will", async () => {
    const { r, f, deps } = setup({ sendUsageFrom: 'server', serverStatusUrl: '/status', initialDelayMs: 3000 });
    const server = {
      ok: false,
      lastReportedAt: null,
      lastAttemptAt: new Date().toISOString(),
      payload: { version: '9.9.9', nodes: 3 },
    };
    const inner = deps.fetch;
    deps.fetch = (async (url: string, init: RequestInit = {}) =>
      url.endsWith('/status') && (init.method ?? 'GET') === 'GET'
        ? Response.json(server)
        : inner(url, init)) as typeof fetch;
    const r2 = createReporter(deps);
    r.stop();
    expect(await r2.check()).toMatchObject({ reason: 'not_due' });
    const preview = await r2.preview();
    expect(preview).toMatchObject({ reason: 'not_due', report: { server: server.payload } });
    await vi.advanceTimersByTimeAsync(4000);
    expect(f.posts()).toHaveLength(1);
    expect(JSON.parse(String(f.posts()[0].init.body)).server).toEqual(server.payload);
    r2.stop();
  });

  it('a server status saying disabled: nothing is built or sent, even after serverReportFailed() (docs/SPEC.md §5)', async () => {
    const { r, f, deps, kv } = setup({ sendUsageFrom: 'server', serverStatusUrl: '/status' });
    r.stop();
    const inner = deps.fetch;
    deps.fetch = (async (url: string, init: RequestInit = {}) =>
      url.endsWith('/status') && (init.method ?? 'GET') === 'GET'
        ? Response.json({ ok: false, disabled: true, lastReportedAt: null, payload: { nodes: 3 } })
        : inner(url, init)) as typeof fetch;
    const r2 = createReporter(deps);
    expect(await r2.check()).toMatchObject({ reason: 'disabled', build: false });
    expect(await r2.serverReportFailed({ nodes: 3 })).toMatchObject({ reason: 'disabled', build: false });
    expect(await r2.preview()).toEqual({ reason: 'disabled', report: null });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.posts()).toHaveLength(0);
    expect(await readLog(kv)).toEqual([]);
    r2.stop();
  });

  it('a report holds every count made before it was built, none made after, and nothing twice (issue 16)', async () => {
    const { r, kv, f, deps } = setup({ sendUsageFrom: 'server', serverStatusUrl: 'https://app.example/status' });
    // The server-status request of the report being built is held until the test lets it go: the window in which a
    // count made on this page, or saved by another tab, used to miss the report.
    let release!: () => void;
    const held = new Promise<void>((res) => (release = res));
    let asked!: () => void;
    const askedP = new Promise<void>((res) => (asked = res));
    const inner = deps.fetch;
    deps.fetch = (async (url: string, init: RequestInit = {}) => {
      if (url.endsWith('/status') && (init.method ?? 'GET') === 'GET') {
        asked();
        await held;
        return Response.json({ ok: false, lastReportedAt: null, lastAttemptAt: null });
      }
      return inner(url, init);
    }) as typeof fetch;
    const r2 = createReporter(deps);
    r.stop();
    deps.counters.count('before_check');
    const building = r2.serverReportFailed();
    await askedP;
    deps.counters.count('first_visit_marker');
    // Another tab saved its counts meanwhile (its pagehide), into the shared state.
    type Saved = { counts?: { counts: Record<string, number>; pageViews: Record<string, number> } };
    await kv.update<Saved>(STATE_KEY, (s) => ({
      ...(s || {}),
      counts: { counts: { ...s?.counts?.counts, other_tab: 2 }, pageViews: { ...s?.counts?.pageViews } },
    }));
    release();
    await building;
    deps.counters.count('after_build');
    await vi.advanceTimersByTimeAsync(100);
    expect(f.posts()).toHaveLength(1);
    const sent = JSON.parse(String(f.posts()[0].init.body));
    expect(sent.ui.counts).toEqual({ before_check: 1, first_visit_marker: 1, other_tab: 2 });
    // Nothing of it is left to be sent again; the later count waits for the next report.
    expect((kv.data.get(STATE_KEY) as { counts?: unknown }).counts).toBeUndefined();
    expect(deps.counters.snapshot().counts).toEqual({ after_build: 1 });
    r2.stop();
  });
});
