import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerReporter } from './reporter';
import { type ConsentStore, createConsentStore } from './store/create-store';
import type { Engine } from './store/engine';
import { describeEngines, freshStore } from './store/test/engines';
import { type Collector, memoryLog, startCollector } from './test-collector';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A replica's own view of the database; kill() is the process dying: from then on none of its queries get through. */
function killable(store: ConsentStore) {
  let dead = false;
  const gate = <T>(run: () => Promise<T>) => (dead ? Promise.reject(new Error('process killed')) : run());
  const db: Engine = {
    ...store.db,
    query: (t, p) => gate(() => store.db.query(t, p)),
    transaction: (fn) => gate(() => store.db.transaction(fn)),
  };
  return { store: { ...store, db }, kill: () => (dead = true) };
}

const periodOf = (r: Collector['requests'][number]) => String(r.headers['idempotency-key']).split('-').pop()!;

describeEngines('replicas on one store', (engine) => {
  let stores: ConsentStore[] = [];
  let cleanup: () => Promise<void>;
  let collector: Collector;
  beforeAll(async () => {
    const first = await freshStore(engine);
    cleanup = first.cleanup;
    stores = [first.store];
    // PostgreSQL: one store (pool) per replica, as separate processes would have; PGlite is one process's database.
    if (engine.name === 'postgres')
      for (let i = 0; i < 2; i++) stores.push(await createConsentStore({ url: first.opts.url, log: { error() {} } }));
    else stores.push(first.store, first.store);
  }, 120_000);
  afterAll(async () => {
    for (const s of stores.slice(1)) if (s !== stores[0]) await s.close();
    await cleanup?.();
  });

  let set = 0;
  const replicas = (intervalMs: number, timeoutMs: number, collect: () => object = () => ({ nodes: 3 })) => {
    // The store keeps one state per endpoint: a path of its own, so a collector on a port an earlier test's used
    // (the system may hand it out again) does not find that test's state.
    const endpoint = `${collector.url}/set-${++set}`;
    return stores.map((s) => {
      const k = killable(s);
      const log = memoryLog();
      const reporter = createServerReporter({
        endpoint,
        collect,
        initialDelayMs: 0,
        intervalMs,
        timeoutMs,
        store: k.store,
        log,
        env: {},
      });
      return { reporter, kill: k.kill, log };
    });
  };

  it('three reporters on one database report each period exactly once', async () => {
    collector = await startCollector();
    // A 5 s time-out (a 15 s lease): on a loaded machine a report slower than 1 s would time out and be retried
    // (the same period, the same Idempotency-Key: the at-least-once case the key is for), which is not what this
    // test is about. The test sets the timing, not the machine.
    const rs = replicas(2000, 5000);
    try {
      for (const r of rs) r.reporter.start();
      await sleep(7000);
    } finally {
      for (const r of rs) r.reporter.stop();
    }
    const periods = collector.requests.map(periodOf);
    expect(periods.length).toBeGreaterThanOrEqual(2);
    expect(new Set(periods).size).toBe(periods.length);
    // one install key for every replica
    expect(new Set(collector.requests.map((r) => String(r.headers['idempotency-key']).split('-')[1])).size).toBe(1);
    await collector.close();
  }, 60_000);

  it('one killed mid-report: the period is still reported, once, by another', async () => {
    collector = await startCollector();
    collector.answers.push('hang');
    const interval = 12_000;
    const rs = replicas(interval, 1000); // a claim's lease: 3 s
    // start early in a period, so the takeover (after the lease) falls in the same one
    await sleep(interval - (Date.now() % interval) + 100);
    const [a, ...others] = rs;
    try {
      a.reporter.start();
      await collector.waitFor(1, 5000);
      a.kill();
      a.reporter.stop();
      for (const r of others) r.reporter.start();
      await collector.waitFor(2, 8000);
      await sleep(1500);
    } finally {
      for (const r of rs) r.reporter.stop();
    }
    const [hung, ...rest] = collector.requests;
    // the second is the same period, under the same idempotency key: the endpoint stores it once
    expect(rest).toHaveLength(1);
    expect(rest[0].headers['idempotency-key']).toBe(hung.headers['idempotency-key']);
    const status = await (await others[0].reporter.handle(new Request('http://x/'))).json();
    expect(status.ok).toBe(true);
    await collector.close();
  }, 60_000);

  it("a browser's POST { reportedAt } to one replica is seen by all", async () => {
    collector = await startCollector();
    const rs = replicas(86_400_000, 1000);
    const at = new Date(Date.now() - 1000).toISOString();
    const post = await rs[0].reporter.handle(
      new Request('http://x/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reportedAt: at }),
      }),
    );
    expect(post.status).toBe(204);
    for (const r of rs.slice(1)) {
      const s = await (await r.reporter.handle(new Request('http://x/'))).json();
      expect(s.lastReportedAt).toBe(at);
    }
    // and the schedule of another replica counts it: nothing is sent this period
    rs[2].reporter.start();
    await sleep(1000);
    rs[2].reporter.stop();
    expect(collector.requests).toHaveLength(0);
    await collector.close();
  }, 60_000);
  it("reportNow() called by the host (a cron job, no start()) is every replica's news", async () => {
    collector = await startCollector();
    collector.answers.push(503);
    const [a, b, c] = replicas(86_400_000, 1000);
    const statusOf = async (r: typeof b) => (await r.reporter.handle(new Request('http://x/'))).json();
    expect(await a.reporter.reportNow()).toMatchObject({ ok: false, status: 503 });
    const failed = await statusOf(b);
    expect(failed.ok).toBe(false);
    expect(failed.lastAttemptAt).toBe(a.reporter.status().lastAttemptAt);
    expect(failed.lastReportedAt).toBe(null);

    expect(await a.reporter.reportNow()).toEqual({ ok: true, status: 200 });
    const sent = await statusOf(b);
    expect(sent).toMatchObject({ ok: true, payload: { nodes: 3 } });
    expect(sent.lastReportedAt).toBe(a.reporter.status().lastReportedAt);
    expect(sent.lastAttemptAt).toBe(a.reporter.status().lastAttemptAt);
    // and the schedule of another replica counts it: nothing more is sent this period
    c.reporter.start();
    await sleep(1000);
    c.reporter.stop();
    expect(collector.requests).toHaveLength(2);
    await collector.close();
  }, 60_000);

  it('a collect() that fails on one replica does not turn every replica to ok: false (nothing was sent)', async () => {
    collector = await startCollector();
    const [a, b] = replicas(86_400_000, 1000, () => {
      throw new Error('the host cannot count its nodes');
    });
    try {
      a.reporter.start();
      await sleep(1000);
    } finally {
      a.reporter.stop();
    }
    expect(a.log.of('error').join('\n')).toContain('the host cannot count its nodes');
    expect(a.reporter.status().ok).toBe(true);
    const status = await (await b.reporter.handle(new Request('http://x/'))).json();
    expect(status).toMatchObject({ ok: true, lastAttemptAt: null });
    expect(collector.requests).toHaveLength(0);
    await collector.close();
  }, 60_000);

  it.each([
    ['a token another replica handed out counts in full', true],
    ['a made-up token counts as none', false],
  ])(
    "the status endpoint's acknowledgement tokens: %s",
    async (_, echoed) => {
      collector = await startCollector();
      const interval = 5000;
      const [a, b] = replicas(interval, 1000);
      const post = (reporter: typeof a.reporter, at: number, ackToken?: string) =>
        reporter.handle(
          new Request('http://x/', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ reportedAt: new Date(at).toISOString(), ackToken }),
          }),
        );
      try {
        const token = (await a.reporter.handle(new Request('http://x/'))).headers.get('consent-relay-ack-token')!;
        expect(token).toMatch(/^[0-9a-z]+\.[0-9a-f]{64}$/);
        // B's one unverified acknowledgement covers the period until 300 ms from now; a second counts only when verified
        expect((await post(b.reporter, Date.now() - interval + 300)).status).toBe(204);
        expect((await post(b.reporter, Date.now(), echoed ? token : 'x'.repeat(token.length))).status).toBe(204);
        b.reporter.start();
        await sleep(1500);
      } finally {
        b.reporter.stop();
      }
      expect(collector.requests).toHaveLength(echoed ? 0 : 1);
      await collector.close();
    },
    60_000,
  );
});
