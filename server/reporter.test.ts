import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DISABLED_STATUS, reporterFixture } from './reporter-fixture';
import { sleep } from './test-collector';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const payload = { version: '9.9.9', nodes: 3, plugins: ['a', 'b'] };

const fixture = reporterFixture({ collect: () => payload });
const { make } = fixture;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('start()', () => {
  it('writes one disclosure naming the endpoint, and nothing else before the first report', () => {
    const { reporter, log } = make();
    reporter.start();
    reporter.start();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0].level).toBe('info');
    expect(log.lines[0].message).toContain(
      `sends it to ${fixture.collector.url}, first 1 hour after start, then every 24 hours`,
    );
    expect(log.lines[0].message).toContain('To opt out');
  });

  it('says telemetry is disabled when enabled is false', () => {
    const { reporter, log } = make({ enabled: false });
    reporter.start();
    expect(log.of('info')).toHaveLength(1);
    expect(log.of('info')[0]).toMatch(/telemetry is disabled, nothing will be sent/i);
  });

  it('says reports are only logged with the logging strategy', () => {
    const { reporter, log } = make({ strategy: 'logging' });
    reporter.start();
    expect(log.of('info')).toHaveLength(1);
    expect(log.of('info')[0]).toContain('reports are built and logged but never sent');
  });

  it('arms an unref()ed timer, so the reporter never keeps Node alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { reporter } = make();
    reporter.start();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][1]).toBe(3_600_000);
    const timer = spy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });
});

describe('reportNow() sending', () => {
  it('POSTs one envelope with the collected payload and records the success', async () => {
    const { reporter, log } = make({ now: () => NOW, intervalMs: 86_400_000 });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });

    expect(fixture.collector.requests).toHaveLength(1);
    const [received] = fixture.collector.requests;
    expect(received.method).toBe('POST');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['idempotency-key']).toMatch(
      new RegExp(`^server-[a-z0-9]+-${Math.floor(NOW / 86_400_000)}$`),
    );
    expect(JSON.parse(received.body)).toEqual({
      schema: 1,
      source: 'server',
      sentAt: '2025-03-01T12:00:00.000Z',
      server: payload,
    });

    expect(reporter.status()).toEqual({
      ok: true,
      lastReportedAt: '2025-03-01T12:00:00.000Z',
      lastAttemptAt: '2025-03-01T12:00:00.000Z',
      payload,
    });
    expect(log.of('error')).toEqual([]);
    // What was sent, as size and digest: an operator can match it to what the vendor stored.
    const sha = createHash('sha256').update(received.body).digest('hex');
    expect(log.of('info')).toEqual([
      `consent-relay/server: usage report sent to ${fixture.collector.url} (HTTP 200): ${received.body.length} bytes, sha256 ${sha}`,
    ]);
  });

  it('awaits an async collect()', async () => {
    const { reporter } = make({ collect: async () => ({ async: true }) });
    await reporter.reportNow();
    expect(JSON.parse(fixture.collector.requests[0].body).server).toEqual({ async: true });
  });

  it('starts with ok true and no times', () => {
    const { reporter } = make();
    expect(reporter.status()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
  });

  it('counts a 500 as a failure, then a success makes ok true again', async () => {
    let t = NOW;
    const { reporter, log } = make({ now: () => t });
    fixture.collector.answers.push(500);

    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, status: 500, error: 'HTTP 500' });
    expect(reporter.status()).toEqual({
      ok: false,
      lastReportedAt: null,
      lastAttemptAt: '2025-03-01T12:00:00.000Z',
      payload,
    });
    const sha = createHash('sha256').update(fixture.collector.requests[0].body).digest('hex');
    expect(log.of('error')).toHaveLength(1);
    expect(log.of('error')[0]).toMatch(
      new RegExp(
        `^consent-relay/server: usage report to ${fixture.collector.url} failed: HTTP 500 ` +
          `\\(attempted ${fixture.collector.requests[0].body.length} bytes, sha256 ${sha}\\); next try in about [2-5] minutes$`,
      ),
    );

    t += 60_000;
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(reporter.status()).toMatchObject({
      ok: true,
      lastReportedAt: '2025-03-01T12:01:00.000Z',
      lastAttemptAt: '2025-03-01T12:01:00.000Z',
    });
    expect(fixture.collector.requests).toHaveLength(2);
  });

  it.each([[201], [204], [299]])('counts HTTP %i as a success', async (code) => {
    fixture.collector.answers.push(code);
    const { reporter } = make();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: code });
  });

  it.each([[302], [400], [404], [503]])('counts HTTP %i as a failure', async (code) => {
    fixture.collector.answers.push(code);
    const { reporter } = make();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, status: code, error: `HTTP ${code}` });
    expect(reporter.status().ok).toBe(false);
  });

  it('gives up after timeoutMs when the endpoint hangs', async () => {
    fixture.collector.answers.push('hang');
    const { reporter, log } = make({ timeoutMs: 50 });
    const started = Date.now();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, error: 'timed out after 50 ms' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reporter.status().ok).toBe(false);
    expect(log.of('error')[0]).toContain('failed: timed out after 50 ms');
  });

  it('resolves with the network error when nothing listens, and never throws', async () => {
    const closed = await fixture.closeCollector();
    const { reporter, log } = make({ endpoint: closed });
    const result = await reporter.reportNow();
    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^network error: .*ECONNREFUSED/);
    expect(reporter.status()).toMatchObject({ ok: false, lastReportedAt: null });
    expect(log.of('error')).toHaveLength(1);
  });

  it('treats a throwing collect() as a logged error that sends nothing and leaves ok alone', async () => {
    const { reporter, log } = make({
      now: () => NOW,
      collect: () => {
        throw new Error('boom');
      },
    });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, error: 'collect() failed: boom' });
    expect(fixture.collector.requests).toHaveLength(0);
    // The network is fine: browsers must not take over because of the host's own bug.
    expect(reporter.status()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
    expect(log.of('error')[0]).toMatch(
      /^consent-relay\/server: usage report could not be built: collect\(\) failed: boom; nothing sent, next try in /,
    );
  });

  it('does not wait forever for a collect() that never settles', async () => {
    const { reporter } = make({ timeoutMs: 30, collect: () => new Promise<object>(() => {}) });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, error: 'collect() did not settle within 30 ms' });
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'collect() must return an object, got null'],
    ['a string', 'x', 'collect() must return an object, got string'],
    ['an array', [1], 'collect() must return an object, got an array'],
  ])('refuses a payload that is %s', async (_, value, error) => {
    const { reporter } = make({ collect: () => value as object });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, error });
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it('refuses a payload that cannot be serialised', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { reporter } = make({ collect: () => cyclic });
    const result = await reporter.reportNow();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^collect\(\) returned a payload that is not JSON/);
    expect(reporter.status().payload).toBeNull();
  });

  it('keeps a snapshot of the payload, not the host object', async () => {
    const live = { count: 1 };
    const { reporter } = make({ collect: () => live });
    await reporter.reportNow();
    live.count = 2;
    expect(reporter.status().payload).toEqual({ count: 1 });
  });

  it('shares one attempt between concurrent calls', async () => {
    const { reporter } = make();
    const [a, b] = await Promise.all([reporter.reportNow(), reporter.reportNow()]);
    expect(a).toEqual({ ok: true, status: 200 });
    expect(b).toBe(a);
    expect(fixture.collector.requests).toHaveLength(1);
  });

  it('survives a logger that throws', async () => {
    const throwing = {
      info: () => {
        throw new Error('disk full');
      },
      error: () => {
        throw new Error('disk full');
      },
    };
    const { reporter } = make({ log: throwing });
    expect(() => reporter.start()).not.toThrow();
    reporter.stop();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    fixture.collector.answers.push(500);
    await expect(reporter.reportNow()).resolves.toMatchObject({ ok: false, status: 500 });
  });

  it('sends through an injected fetch', async () => {
    const seen: string[] = [];
    const { reporter } = make({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await reporter.reportNow();
    expect(seen).toEqual([fixture.collector.url]);
    expect(fixture.collector.requests).toHaveLength(1);
  });
});

describe('reportNow() with the logging strategy', () => {
  it('logs the report and sends nothing', async () => {
    const { reporter, log } = make({ strategy: 'logging', now: () => NOW });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, skipped: 'logging' });
    expect(fixture.collector.requests).toHaveLength(0);
    const envelope = JSON.stringify({
      schema: 1,
      source: 'server',
      sentAt: '2025-03-01T12:00:00.000Z',
      server: payload,
    });
    expect(log.of('info')).toEqual([`consent-relay/server: usage report (logging strategy: not sent): ${envelope}`]);
    // Nothing was reported or attempted, but the payload is there for the browser to see.
    expect(reporter.status()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload });
  });

  it('reports a failing collect() without touching the send state', async () => {
    const { reporter, log } = make({ strategy: 'logging', collect: () => Promise.reject(new Error('no db')) });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, error: 'collect() failed: no db' });
    expect(reporter.status()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
    expect(log.of('error')[0]).toContain('could not be built: collect() failed: no db');
  });

  it('logs once per interval on the schedule', async () => {
    const { reporter, log } = make({ strategy: 'logging', initialDelayMs: 0, intervalMs: 40 });
    reporter.start();
    await sleep(110);
    reporter.stop();
    const reports = log.of('info').filter((line) => line.includes('logging strategy: not sent'));
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.length).toBeLessThanOrEqual(3);
    expect(fixture.collector.requests).toHaveLength(0);
  });
});

describe('enabled: false', () => {
  it('collects nothing, sends nothing, schedules nothing', async () => {
    const collect = vi.fn(() => payload);
    const { reporter, log } = make({ enabled: false, collect, initialDelayMs: 0, intervalMs: 10 });
    reporter.start();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, skipped: 'disabled' });
    await sleep(50);
    expect(collect).not.toHaveBeenCalled();
    expect(fixture.collector.requests).toHaveLength(0);
    expect(log.lines).toHaveLength(1); // the disclosure only
    expect(reporter.status()).toEqual(DISABLED_STATUS);
  });
});

describe('the schedule', () => {
  it('reports after initialDelayMs, then once per intervalMs', async () => {
    const { reporter } = make({ initialDelayMs: 40, intervalMs: 150 });
    const started = Date.now();
    reporter.start();
    await sleep(20);
    expect(fixture.collector.requests).toHaveLength(0);
    await fixture.collector.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(39);
    await sleep(60);
    expect(fixture.collector.requests).toHaveLength(1);
    await fixture.collector.waitFor(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(189);
  });

  it('retries a failed report before a whole interval has passed', async () => {
    fixture.collector.answers.push(500);
    // The back-off is min(intervalMs, 5 min × 2^(failures-1)): with a 60 ms interval, the retry comes 60 ms later.
    const { reporter } = make({ initialDelayMs: 0, intervalMs: 60 });
    reporter.start();
    await fixture.collector.waitFor(1);
    await sleep(5);
    expect(reporter.status().ok).toBe(false);
    await fixture.collector.waitFor(2);
    await sleep(5);
    expect(reporter.status().ok).toBe(true);
  });

  it('skips a period a browser already reported with POST { reportedAt }', async () => {
    const { reporter } = make({ initialDelayMs: 20, intervalMs: 250 });
    reporter.start();
    const reportedAt = new Date().toISOString();
    const answer = await reporter.handle(
      new Request('http://app.example/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reportedAt }),
      }),
    );
    expect(answer.status).toBe(204);
    await sleep(120);
    expect(fixture.collector.requests).toHaveLength(0); // the tick at 20 ms found the period reported
    expect(reporter.status().lastReportedAt).toBe(reportedAt);
    await fixture.collector.waitFor(1, 1000); // the next period is the server's again
    expect(Date.now() - Date.parse(reportedAt)).toBeGreaterThanOrEqual(249);
  });

  it('stop() ends the schedule', async () => {
    const { reporter } = make({ initialDelayMs: 20, intervalMs: 20 });
    reporter.start();
    reporter.stop();
    await sleep(70);
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it('start() twice does not double the schedule', async () => {
    const { reporter, log } = make({ initialDelayMs: 10, intervalMs: 1000 });
    reporter.start();
    reporter.start();
    await fixture.collector.waitFor(1);
    await sleep(40);
    expect(fixture.collector.requests).toHaveLength(1);
    expect(log.of('info').filter((line) => line.startsWith('Telemetry'))).toHaveLength(1);
  });

  it('sleeps through delays beyond the 24.8-day setTimeout limit instead of spinning', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { reporter } = make({ initialDelayMs: 40 * 86_400_000, intervalMs: 30 * 86_400_000 });
    reporter.start();
    await sleep(40);
    // Node fires a longer timer after 1 ms; unclamped, the reporter would re-arm over and over.
    const long = spy.mock.calls.map((call) => call[1]).filter((ms) => (ms ?? 0) > 1000);
    expect(long).toEqual([2 ** 31 - 1]);
    expect(fixture.collector.requests).toHaveLength(0);
  });
});
