import { describe, expect, it } from 'vitest';
import { reporterFixture } from './reporter-fixture';
import { sleep } from './test-collector';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const fixture = reporterFixture();
const { make } = fixture;

describe('what is retried (docs/SPEC.md §7)', () => {
  it.each([[408], [429], [500], [503]])('HTTP %i is retried with back-off', async (code) => {
    fixture.collector.answers.push(code);
    const { reporter, log } = make({ now: () => NOW });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, status: code, error: `HTTP ${code}` });
    expect(log.of('error')[0]).toMatch(/; next try in about [2-5] minutes$/);
  });

  it.each([[400], [401], [403], [404], [410], [422], [302]])(
    'HTTP %i is not retried: the next report comes a period later',
    async (code) => {
      fixture.collector.answers.push(code);
      const { reporter, log } = make({ now: () => NOW });
      await expect(reporter.reportNow()).resolves.toMatchObject({ ok: false, status: code });
      expect(log.of('error')[0]).toMatch(
        /; not retried \(the answer will not change by itself\); next report in about 24 hours$/,
      );
    },
  );

  it('a network error is retried', async () => {
    const closed = await fixture.closeCollector();
    const { reporter, log } = make({ endpoint: closed, now: () => NOW });
    await reporter.reportNow();
    expect(log.of('error')[0]).toMatch(/failed: network error: .*; next try in about [2-5] minutes$/);
  });

  it('honours Retry-After in seconds, even past the interval', async () => {
    fixture.collector.answers.push({ status: 429, headers: { 'retry-after': '3600' } });
    const { reporter, log } = make({ now: () => NOW, intervalMs: 2000 });
    await reporter.reportNow();
    expect(log.of('error')[0]).toMatch(/; next try in about 60 minutes, as the endpoint's Retry-After asked$/);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const inTwoHours = new Date(NOW + 2 * 3_600_000).toUTCString();
    fixture.collector.answers.push({ status: 503, headers: { 'retry-after': inTwoHours } });
    const { reporter, log } = make({ now: () => NOW });
    await reporter.reportNow();
    expect(log.of('error')[0]).toMatch(/; next try in about 2 hours, as the endpoint's Retry-After asked$/);
  });

  it('posts once, not every interval, while a 429 asks to wait an hour (the finding of issue 14)', async () => {
    // Before: 5 posts in 9 s with intervalMs 2000. Here the interval is 30 ms, so the old back-off (capped at one
    // interval) would have posted every 15–30 ms.
    fixture.collector.answers.push(
      ...Array.from({ length: 20 }, () => ({ status: 429, headers: { 'retry-after': '3600' } })),
    );
    const { reporter } = make({ initialDelayMs: 0, intervalMs: 30 });
    reporter.start();
    await fixture.collector.waitFor(1);
    await sleep(300);
    expect(fixture.collector.requests).toHaveLength(1);
    expect(reporter.status().ok).toBe(false);
  });
});
