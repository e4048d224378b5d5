import { describe, expect, it } from 'vitest';
import { reporterFixture } from './reporter-fixture';
import { sleep } from './test-collector';
import type { ServerReporter } from './types';

const INTERVAL = 5000;
const fixture = reporterFixture({ initialDelayMs: 50, intervalMs: INTERVAL });
const { make } = fixture;

async function acknowledge(reporter: ServerReporter, reportedAt: number, ackToken?: string) {
  const response = await reporter.handle(
    new Request('http://127.0.0.1/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reportedAt: new Date(reportedAt).toISOString(), ackToken }),
    }),
  );
  expect(response.status).toBe(204);
}

async function token(reporter: ServerReporter): Promise<string> {
  return (await reporter.handle(new Request('http://127.0.0.1/status'))).headers.get('consent-relay-ack-token')!;
}

describe("the status POST: one stranger's request cannot silence the server (README threat model)", () => {
  it('a POST without a token skips one period, and the status shows it', async () => {
    const { reporter } = make();
    const at = Date.now();
    await acknowledge(reporter, at);
    expect(reporter.status().lastReportedAt).toBe(new Date(at).toISOString());
    reporter.start();
    await sleep(200);
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it('a second POST without a token before the server reported again does not extend the skip', async () => {
    const { reporter } = make();
    // The first covers the period until 50 ms from now; the second, if it counted, until a whole interval from now.
    await acknowledge(reporter, Date.now() - INTERVAL + 50);
    await acknowledge(reporter, Date.now());
    reporter.start();
    await fixture.collector.waitFor(1, 2000); // well before the 5 s the second would have bought
    expect(reporter.status().lastReportedAt).not.toBeNull();
  });

  it('a POST echoing the token of a status GET counts in full', async () => {
    const { reporter } = make();
    await acknowledge(reporter, Date.now() - INTERVAL + 50);
    await acknowledge(reporter, Date.now(), await token(reporter));
    reporter.start();
    await sleep(300);
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it('a made-up token counts as none', async () => {
    const { reporter } = make();
    await token(reporter);
    await acknowledge(reporter, Date.now() - INTERVAL + 50);
    await acknowledge(reporter, Date.now(), 'f'.repeat(32));
    reporter.start();
    await fixture.collector.waitFor(1, 2000);
  });

  it("the server's own success gives an unverified POST its one skip back", async () => {
    const { reporter } = make();
    await acknowledge(reporter, Date.now() - INTERVAL + 50);
    expect(await reporter.reportNow()).toEqual({ ok: true, status: 200 });
    await acknowledge(reporter, Date.now() + 1000);
    reporter.start();
    await sleep(300);
    expect(fixture.collector.requests).toHaveLength(1);
  });
});
