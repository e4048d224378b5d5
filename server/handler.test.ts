import { describe, expect, it } from 'vitest';
import { createServerReporter } from './reporter';
import { memoryLog } from './test-collector';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');

function make() {
  return createServerReporter({
    endpoint: 'https://telemetry.vendor.example/v1',
    collect: () => ({ nodes: 3 }),
    log: memoryLog(),
    now: () => NOW,
  });
}

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new Request('https://app.example/any/mount/path', { method: 'POST', headers, body });
}

const json = (value: unknown) => JSON.stringify(value);

describe('handle() GET and HEAD', () => {
  it('GET answers 200 with the status JSON, uncached', async () => {
    const reporter = make();
    const response = await reporter.handle(new Request('https://app.example/whatever?x=1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
  });

  it('GET shows what a POST recorded', async () => {
    const reporter = make();
    await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00.000Z' })));
    const body = await (await reporter.handle(new Request('https://app.example/'))).json();
    expect(body).toEqual({ ok: true, lastReportedAt: '2025-03-01T11:00:00.000Z', lastAttemptAt: null, payload: null });
  });

  it('GET and HEAD hand out the acknowledgement token in a header, the JSON stays as docs/SPEC.md §5 has it', async () => {
    const reporter = make();
    const get = await reporter.handle(new Request('https://app.example/'));
    const head = await reporter.handle(new Request('https://app.example/', { method: 'HEAD' }));
    expect(get.headers.get('consent-relay-ack-token')).toMatch(/^[0-9a-f]{32}$/);
    expect(head.headers.get('consent-relay-ack-token')).toBe(get.headers.get('consent-relay-ack-token'));
    expect(Object.keys(await get.json())).toEqual(['ok', 'lastReportedAt', 'lastAttemptAt', 'payload']);
  });

  it('HEAD answers 200 with the headers and no body', async () => {
    const response = await make().handle(new Request('https://app.example/', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
  });
});

describe('handle() POST { reportedAt }', () => {
  it.each([
    ['2025-03-01T11:00:00.000Z', '2025-03-01T11:00:00.000Z'],
    ['2025-03-01T11:00:00Z', '2025-03-01T11:00:00.000Z'],
    ['2025-03-01T13:30:00+02:00', '2025-03-01T11:30:00.000Z'],
    ['2025-03-01T12:00:59.999Z', '2025-03-01T12:00:59.999Z'], // within the minute of clock skew
    ['2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
  ])('%s → 204, lastReportedAt %s', async (reportedAt, stored) => {
    const reporter = make();
    const response = await reporter.handle(post(json({ reportedAt })));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(reporter.status().lastReportedAt).toBe(stored);
  });

  it('keeps the later of the existing and the new reportedAt', async () => {
    const reporter = make();
    await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00.000Z' })));
    expect((await reporter.handle(post(json({ reportedAt: '2025-03-01T10:00:00.000Z' })))).status).toBe(204);
    expect(reporter.status().lastReportedAt).toBe('2025-03-01T11:00:00.000Z');
  });

  it('accepts an application/*+json type with parameters', async () => {
    const reporter = make();
    const response = await reporter.handle(
      post(json({ reportedAt: '2025-03-01T11:00:00Z' }), { 'content-type': 'application/vnd.api+json; charset=utf-8' }),
    );
    expect(response.status).toBe(204);
  });

  it.each<[string, Record<string, string>]>([
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }],
    ['no content-type', {}],
    ['a same-origin browser fetch', { 'sec-fetch-site': 'same-origin', origin: 'https://app.example' }],
    ['an old browser on the same origin', { origin: 'https://app.example' }],
    [
      'a JSON fetch from another origin (preflighted: CORS allowed it)',
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', origin: 'https://ui.app.example' },
    ],
  ])('a JSON body is a JSON body: %s → 204', async (_, headers) => {
    const reporter = make();
    expect((await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00Z' }), headers))).status).toBe(204);
    expect(reporter.status().lastReportedAt).toBe('2025-03-01T11:00:00.000Z');
  });

  it.each<[string, Record<string, string>]>([
    [
      'Fetch Metadata says cross-site',
      { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    ],
    [
      'Fetch Metadata says same-site (a sibling subdomain), no preflight',
      { 'sec-fetch-site': 'same-site', origin: 'https://blog.app.example' },
    ],
    ['a cross-site form post', { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' }],
    ['an old browser with another Origin', { 'content-type': 'text/plain', origin: 'https://evil.example' }],
  ])('a cross-site acknowledgement is refused: %s → 403, nothing changed', async (_, headers) => {
    const reporter = make();
    const before = reporter.status();
    const response = await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00Z' }), headers));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'cross-site acknowledgements are refused' });
    expect(reporter.status()).toEqual(before);
  });

  it('does not change ok: a browser report says nothing about the server reaching the endpoint', async () => {
    const reporter = make();
    await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00.000Z' })));
    expect(reporter.status()).toMatchObject({ ok: true, lastAttemptAt: null });
  });

  it.each<[string, Request, string]>([
    ['a future reportedAt', post(json({ reportedAt: '2025-03-01T12:01:00.001Z' })), 'reportedAt is in the future'],
    ['next year', post(json({ reportedAt: '2026-03-01T12:00:00.000Z' })), 'reportedAt is in the future'],
    ['garbage', post('}{ not json'), 'body is not JSON'],
    ['an empty body', post(null), 'body is not JSON'],
    [
      'no reportedAt',
      post(json({ at: '2025-03-01T11:00:00.000Z' })),
      'reportedAt must be an ISO 8601 date-time with an offset',
    ],
    ['JSON null', post('null'), 'reportedAt must be an ISO 8601 date-time with an offset'],
    ['a number', post(json({ reportedAt: NOW - 1000 })), 'reportedAt must be an ISO 8601 date-time with an offset'],
    [
      'a date without time',
      post(json({ reportedAt: '2025-03-01' })),
      'reportedAt must be an ISO 8601 date-time with an offset',
    ],
    [
      'a local time without offset',
      post(json({ reportedAt: '2025-03-01T11:00:00' })),
      'reportedAt must be an ISO 8601 date-time with an offset',
    ],
    [
      'a human date',
      post(json({ reportedAt: 'March 1, 2025' })),
      'reportedAt must be an ISO 8601 date-time with an offset',
    ],
    ['an impossible date', post(json({ reportedAt: '2025-13-45T11:00:00Z' })), 'reportedAt is not a valid date'],
  ])('%s → 400, nothing changed', async (_, request, error) => {
    const reporter = make();
    const before = reporter.status();
    const response = await reporter.handle(request);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ error });
    expect(reporter.status()).toEqual(before);
  });

  it('answers 413 to a body over 4 KiB, nothing changed', async () => {
    const reporter = make();
    const response = await reporter.handle(post(json({ reportedAt: '2025-03-01T11:00:00Z', pad: 'x'.repeat(5000) })));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'body over 4096 bytes' });
    expect(reporter.status().lastReportedAt).toBeNull();
  });

  it('refuses a streamed body over 4 KiB that declares no length', async () => {
    const reporter = make();
    const chunk = new TextEncoder().encode(' '.repeat(1024));
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('https://app.example/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const response = await reporter.handle(request);
    expect(response.status).toBe(413);
    expect(pulls).toBeLessThan(10); // stopped reading, not drained an endless stream
  });
});

describe('handle() other methods', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s → 405 with Allow', async (method) => {
    const reporter = make();
    const response = await reporter.handle(
      new Request('https://app.example/', { method, body: method === 'OPTIONS' ? null : '{}' }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await response.json()).toEqual({ error: `method ${method} not allowed` });
  });
});
