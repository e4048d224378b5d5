import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type NodeListener, toNodeListener } from './node';
import { createServerReporter } from '../reporter';
import { memoryLog } from '../test-collector';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function makeReporter() {
  return createServerReporter({
    endpoint: 'https://telemetry.vendor.example/v1',
    collect: () => ({ nodes: 3 }),
    log: memoryLog(),
    now: () => NOW,
  });
}

/** Serves `listener` from a real http server on 127.0.0.1; a prefix router stands in for Express's mounting. */
async function serve(listener: NodeListener, mount = ''): Promise<string> {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith(mount)) {
      res.statusCode = 404;
      return res.end();
    }
    listener(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${mount}`;
}

/** A request stream that was already read (the methods are never called). */
const stream = { on: () => {}, pause: () => {}, resume: () => {}, destroy: () => {} };

describe('toNodeListener', () => {
  it('serves GET status JSON through http.createServer', async () => {
    const url = await serve(toNodeListener(makeReporter()));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
  });

  it('takes POST { reportedAt } when mounted under a path, then GET shows it', async () => {
    const reporter = makeReporter();
    const url = await serve(toNodeListener(reporter), '/api/telemetry/status');
    const posted = await fetch(`${url}?from=browser`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reportedAt: '2025-03-01T11:59:00.000Z' }),
    });
    expect(posted.status).toBe(204);
    expect(reporter.status().lastReportedAt).toBe('2025-03-01T11:59:00.000Z');
    const status = await (await fetch(url)).json();
    expect(status.lastReportedAt).toBe('2025-03-01T11:59:00.000Z');
  });

  it('answers 400 to a garbage body and 405 to PUT', async () => {
    const reporter = makeReporter();
    const url = await serve(toNodeListener(reporter));
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'body is not JSON' });
    const put = await fetch(url, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(reporter.status().lastReportedAt).toBeNull();
  });

  it('answers HEAD with headers only', async () => {
    const url = await serve(toNodeListener(makeReporter()));
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
  });

  it('answers 413 to a 1 MiB upload without keeping it or dropping the connection', async () => {
    const reporter = makeReporter();
    const url = await serve(toNodeListener(reporter));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reportedAt: '2025-03-01T11:00:00Z', pad: 'x'.repeat(1 << 20) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'body over 4096 bytes' });
    expect(reporter.status().lastReportedAt).toBeNull();
  });

  it('answers 413 to a chunked upload over the limit that declares no length', async () => {
    const url = await serve(toNodeListener(makeReporter()));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('uses a body an Express parser already read', async () => {
    const reporter = makeReporter();
    const written: { status?: number; headers: Record<string, string | string[]>; body?: Uint8Array } = { headers: {} };
    const done = new Promise<void>((resolve) => {
      const req = {
        method: 'POST',
        url: '/',
        headers: { 'content-type': 'application/json' },
        readableEnded: true,
        body: { reportedAt: '2025-03-01T10:00:00.000Z' },
        ...stream,
      };
      const res = {
        statusCode: 200,
        setHeader: (name: string, value: string | string[]) => void (written.headers[name] = value),
        end: (chunk?: Uint8Array) => {
          written.status = res.statusCode;
          written.body = chunk;
          resolve();
        },
      };
      toNodeListener(reporter)(req, res);
    });
    await done;
    expect(written.status).toBe(204);
    expect(reporter.status().lastReportedAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('passes an unexpected error to next()', async () => {
    const broken = { handle: () => Promise.reject(new Error('broken')) };
    const errors: unknown[] = [];
    await new Promise<void>((resolve) => {
      const req = { method: 'GET', headers: {}, ...stream };
      const res = { statusCode: 200, setHeader: () => {}, end: () => {} };
      toNodeListener(broken)(req, res, (err) => {
        errors.push(err);
        resolve();
      });
    });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('broken');
  });

  it('types accept Node request and response objects', () => {
    // Compile-time check: http.createServer takes the listener without casts.
    const listener = toNodeListener(makeReporter());
    const fn: (req: IncomingMessage, res: ServerResponse) => void = listener;
    expect(typeof fn).toBe('function');
  });
});

describe('toNodeListener on an early Node 18 (no Headers.getSetCookie before 18.14)', () => {
  it('still writes the Set-Cookie of the answer', async () => {
    const own = Object.getOwnPropertyDescriptor(Headers.prototype, 'getSetCookie');
    Reflect.deleteProperty(Headers.prototype, 'getSetCookie');
    try {
      expect('getSetCookie' in new Headers()).toBe(false);
      const handler = {
        handle: async () =>
          new Response('{}', { status: 201, headers: { 'set-cookie': 'consent_relay=x; Path=/; SameSite=Lax' } }),
      };
      const url = await serve(toNodeListener(handler));
      const response = await fetch(url, { method: 'POST', body: '{}' });
      expect(response.status).toBe(201);
      expect(response.headers.get('set-cookie')).toBe('consent_relay=x; Path=/; SameSite=Lax');
    } finally {
      if (own) Object.defineProperty(Headers.prototype, 'getSetCookie', own);
    }
  });
});
