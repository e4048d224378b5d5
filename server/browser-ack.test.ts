/**
 * Issue 14: the browser echoes the server's acknowledgement token. The browser's reporter (src/telemetry) and the
 * server half talk over real HTTP on 127.0.0.1: the status endpoint is the real handler behind `toNodeListener`,
 * and both report to one real collector.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCounters } from '../src/telemetry/counters';
import { memoryKv } from '../src/telemetry/memory-kv.test-helper';
import { parseTelemetryOptions } from '../src/telemetry/options';
import { createReporter } from '../src/telemetry/reporter';
import { toNodeListener } from './index';
import { reporterFixture } from './reporter-fixture';
import { sleep } from './test-collector';
import type { ServerReporter } from './types';

const INTERVAL = 5000;
const fixture = reporterFixture({ initialDelayMs: 50, intervalMs: INTERVAL });

/** What crossed the wire at the status endpoint: the tokens GETs handed out and the POSTed bodies. */
interface StatusWire {
  url: string;
  tokens: string[];
  posts: Record<string, unknown>[];
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serveStatus(reporter: ServerReporter): Promise<StatusWire> {
  const wire: StatusWire = { url: '', tokens: [], posts: [] };
  const listener = toNodeListener(reporter);
  const server = createServer((request, response) => {
    if (request.method === 'POST') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => wire.posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    }
    response.on('finish', () => {
      const token = response.getHeader('consent-relay-ack-token');
      if (request.method === 'GET' && typeof token === 'string') wire.tokens.push(token);
    });
    // The listener reads the body too: Node hands the same chunks to every 'data' listener.
    listener(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  wire.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
  return wire;
}

function browser(statusUrl: string, sendUsageFrom: 'server' | 'browser') {
  const errors: string[] = [];
  const { options, errors: bad } = parseTelemetryOptions(
    {
      endpoint: fixture.collector.url,
      serverStatusUrl: statusUrl,
      sendUsageFrom,
      initialDelayMs: 0,
      intervalMs: INTERVAL,
    },
    'http://127.0.0.1/',
  );
  expect(bad).toEqual([]);
  const reporter = createReporter({
    options,
    kv: memoryKv(),
    fetch,
    now: () => Date.now(),
    locks: undefined,
    counters: createCounters((e) => errors.push(e)),
    consent: () => true,
    signals: () => ({ dnt: false, gpc: false }),
    onLog: () => {},
    onError: (e) => errors.push(e),
  });
  return { reporter, errors };
}

/** A stranger's POST without a token uses up the one unverified skip (it covers the period until 50 ms from now). */
async function useUpTheUnverifiedSkip(url: string) {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reportedAt: new Date(Date.now() - INTERVAL + 50).toISOString() }),
  });
  expect(answer.status).toBe(204);
}

const sources = () => fixture.collector.requests.map((r) => JSON.parse(r.body).source);

describe("the browser's acknowledgement echoes the status token (issue 14)", () => {
  it('after its own report the browser POSTs { reportedAt, ackToken }, and the server counts it in full', async () => {
    const { reporter: server } = fixture.make();
    const wire = await serveStatus(server);
    await useUpTheUnverifiedSkip(wire.url);
    const { reporter, errors } = browser(wire.url, 'server');
    // The host's own call to the endpoint failed: the browser takes over, reading the status (and its token) first.
    expect(await reporter.serverReportFailed({ nodes: 3 })).toMatchObject({ reason: 'send', build: true });
    expect(sources()).toEqual(['browser']);
    expect(wire.tokens).toHaveLength(1);
    const report = JSON.parse(fixture.collector.requests[0].body);
    expect(wire.posts.at(-1)).toEqual({ reportedAt: report.sentAt, ackToken: wire.tokens[0] });
    expect(server.status().lastReportedAt).toBe(report.sentAt);
    // Verified: this period is reported, so the server does not send it again once its initial delay is over.
    server.start();
    await sleep(400);
    expect(sources()).toEqual(['browser']);
    expect(errors).toEqual([]);
    reporter.stop();
  });

  it('without a token (no status GET: sendUsageFrom browser) the POST is still accepted, and counts less', async () => {
    const { reporter: server } = fixture.make();
    const wire = await serveStatus(server);
    await useUpTheUnverifiedSkip(wire.url);
    const { reporter, errors } = browser(wire.url, 'browser');
    expect(await reporter.check()).toMatchObject({ reason: 'send', build: true });
    expect(wire.tokens).toEqual([]);
    const report = JSON.parse(fixture.collector.requests[0].body);
    expect(wire.posts.at(-1)).toEqual({ reportedAt: report.sentAt });
    expect(server.status().lastReportedAt).toBe(report.sentAt);
    expect(errors).toEqual([]);
    // The one unverified skip was used up above: the server reports this period itself.
    server.start();
    await fixture.collector.waitFor(2, 3000);
    expect(sources()).toEqual(['browser', 'server']);
    reporter.stop();
  });
});
