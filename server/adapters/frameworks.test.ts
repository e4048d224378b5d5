import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import bodyParser from '@koa/bodyparser';
import Koa from 'koa';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServerReporter } from '../reporter';
import { memoryLog } from '../test-collector';
import type { ServerReporter } from '../types';
import { type Mounted, mounts } from './mounts';
import { toNodeListener } from './node';

/** One raw HTTP exchange: any method (fetch refuses TRACE), any Host, a body in pieces. */
function raw(
  url: string,
  method: string,
  headers: Record<string, string | number> = {},
  body?: string | Uint8Array,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    let answered = false;
    const req = httpRequest(url, { method, headers: { ...length, ...headers } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    // A server may answer a 10 MB upload early and close: the answer counts, the client's EPIPE after it does not.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.on('socket', (socket) => socket.on('error', () => {})); // the same EPIPE, once the socket left the request
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };

describe.each(mounts)('mounted in $name', (mount) => {
  let reporter: ServerReporter;
  let mounted: Mounted;
  let origin: string;
  let errors: unknown[];

  beforeAll(async () => {
    reporter = createServerReporter({
      endpoint: 'https://telemetry.vendor.example/v1',
      collect: () => ({ nodes: 3 }),
      log: memoryLog(),
    });
    mounted = await mount.start(reporter);
    origin = new URL(mounted.url).origin;
  });
  afterAll(() => mounted.close());

  // What the framework or the adapter writes to the console: a stack trace per aborted upload is what issue 14 found.
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  afterEach(() => {
    spies.splice(0).forEach((spy) => spy.mockRestore());
  });
  const watchConsole = () => {
    errors = [];
    for (const level of ['error', 'warn', 'log'] as const) {
      spies.push(vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void errors.push(args)));
    }
  };

  const post = (body: string, headers: Record<string, string> = json) =>
    fetch(mounted.url, { method: 'POST', headers, body });
  const lastReportedAt = () => reporter.status().lastReportedAt;

  it('GET answers the status JSON with the acknowledgement token', async () => {
    const response = await fetch(mounted.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('consent-relay-ack-token')).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toMatchObject({ ok: true, lastAttemptAt: null, payload: null });
  });

  it("takes the browser's POST { reportedAt } (a same-origin fetch of application/json) → 204", async () => {
    const reportedAt = new Date(Date.now() - 60_000).toISOString();
    const response = await post(JSON.stringify({ reportedAt }), {
      ...json,
      'sec-fetch-site': 'same-origin',
      origin,
    });
    expect(response.status).toBe(204);
    expect(lastReportedAt()).toBe(reportedAt);
    expect((await (await fetch(mounted.url)).json()).lastReportedAt).toBe(reportedAt);
  });

  it('takes a POST that echoes the token of a GET', async () => {
    const ackToken = (await fetch(mounted.url)).headers.get('consent-relay-ack-token');
    const reportedAt = new Date(Date.now() - 30_000).toISOString();
    expect((await post(JSON.stringify({ reportedAt, ackToken }))).status).toBe(204);
    expect(lastReportedAt()).toBe(reportedAt);
  });

  it('judges same-origin from the real Host: an old browser (Origin, no Sec-Fetch-Site) → 204', async () => {
    const reportedAt = new Date(Date.now() - 20_000).toISOString();
    const response = await post(JSON.stringify({ reportedAt }), { 'content-type': 'text/plain', origin });
    expect(response.status).toBe(204);
    expect(lastReportedAt()).toBe(reportedAt);
  });

  // The adapters read X-Forwarded-Host/-Proto; where the runtime builds the Request (Hono, Fetch-style) only Host
  // counts, so an old browser behind a proxy is refused there (README "Server half").
  it(`behind a reverse proxy: Origin matches X-Forwarded-Host/-Proto → ${mount.adapter ? 204 : 403}`, async () => {
    const before = lastReportedAt();
    const reportedAt = new Date(Date.now() - 10_000).toISOString();
    const answer = await raw(
      mounted.url,
      'POST',
      {
        'content-type': 'text/plain',
        origin: 'https://app.example',
        'x-forwarded-host': 'app.example',
        'x-forwarded-proto': 'https',
      },
      JSON.stringify({ reportedAt }),
    );
    expect(answer.status).toBe(mount.adapter ? 204 : 403);
    expect(lastReportedAt()).toBe(mount.adapter ? reportedAt : before);
  });

  it('refuses a future timestamp → 400, nothing changed', async () => {
    const before = lastReportedAt();
    const response = await post(JSON.stringify({ reportedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'reportedAt is in the future' });
    expect(lastReportedAt()).toBe(before);
  });

  it.each([
    ['application/json', json],
    ['text/plain', { 'content-type': 'text/plain' }],
  ])('refuses a body that is not JSON (%s) → 400, nothing changed', async (_, headers) => {
    const before = lastReportedAt();
    const response = await post('}{ not json', headers);
    expect(response.status).toBe(400);
    expect(lastReportedAt()).toBe(before);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('answers %s with 405', async (method) => {
    const answer = await raw(
      mounted.url,
      method,
      method === 'TRACE' ? {} : json,
      method === 'TRACE' ? undefined : '{}',
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST');
  });

  it.each([
    ['application/json', json],
    ['text/plain', { 'content-type': 'text/plain' }],
  ])('answers a 10 MB body (%s) 413, nothing changed', async (_, headers) => {
    const before = lastReportedAt();
    const body = JSON.stringify({ reportedAt: new Date().toISOString(), pad: 'x'.repeat(10 * 1024 * 1024) });
    const answer = await raw(mounted.url, 'POST', headers, body);
    expect(answer.status).toBe(413);
    expect(lastReportedAt()).toBe(before);
  });

  it('refuses a cross-site POST → 403, nothing changed', async () => {
    const before = lastReportedAt();
    const response = await post(JSON.stringify({ reportedAt: new Date().toISOString() }), {
      'content-type': 'text/plain',
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect(lastReportedAt()).toBe(before);
  });

  it.each([
    ['application/json', 'application/json'],
    ['text/plain', 'text/plain'],
  ])('survives a client that aborts mid-body (%s): no crash, nothing logged', async (_, type) => {
    watchConsole();
    const arrived = new Promise<IncomingMessage>((resolve) => mounted.server.once('request', resolve));
    const client = httpRequest(mounted.url, {
      method: 'POST',
      // Under every limit, so the server waits for the rest of the body.
      headers: { 'content-type': type, 'content-length': 1000 },
    });
    client.on('error', () => {});
    client.write('{"reportedAt":"');
    const serverSide = await arrived;
    const closed = new Promise<void>((resolve) => serverSide.once('close', resolve));
    client.destroy();
    await closed;
    // The server still answers, and whatever reacted to the abort has had its turn to log.
    expect((await fetch(mounted.url)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!mount.logsAbortsItself?.(type)) return expect(errors).toEqual([]);
    // The framework's own line, at most one per abort, and nothing from the adapter or the reporter.
    expect(errors.length).toBeLessThanOrEqual(1);
    expect(JSON.stringify(errors)).not.toMatch(/consent-relay|adapters\/|reporter/);
  });
});

describe('toNodeListener where the body parser kept the body elsewhere (Koa with @koa/bodyparser)', () => {
  it('is a 400 that says the body could not be read, and the console says which adapter to mount', async () => {
    const reporter = createServerReporter({
      endpoint: 'https://telemetry.vendor.example/v1',
      collect: () => ({ nodes: 3 }),
      log: memoryLog(),
    });
    const app = new Koa();
    app.silent = true;
    app.use(bodyParser());
    const listener = toNodeListener(reporter);
    app.use((ctx) => {
      ctx.respond = false;
      listener(ctx.req, ctx.res);
    });
    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const body = JSON.stringify({ reportedAt: new Date().toISOString() });
      const response = await fetch(url, { method: 'POST', headers: json, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'body could not be read' });
      expect(reporter.status().lastReportedAt).toBe(null);
      expect(JSON.stringify(logged)).toContain('toKoaMiddleware(handler)');
      // a handler that reads no body is not bothered
      expect((await fetch(url, { method: 'PUT', headers: json, body })).status).toBe(405);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      spy.mockRestore();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
