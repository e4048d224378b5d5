import { afterEach, describe, expect, it, vi } from 'vitest';
import { postJson } from './transport';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const calls: Array<{ url: string; init: RequestInit }> = [];
const answering = (res: Response | Error | 'never'): typeof fetch =>
  (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (res === 'never')
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    if (res instanceof Error) throw res;
    return res;
  }) as unknown as typeof fetch;

afterEach(() => {
  calls.length = 0;
  vi.useRealTimers();
});

describe('postJson', () => {
  it.each<[number, Record<string, string>, { ok: boolean; retryAfterMs?: number | null }]>([
    [200, {}, { ok: true }],
    [202, {}, { ok: true }],
    [204, {}, { ok: true }],
    // An HTTP error is not "sent".
    [400, {}, { ok: false, retryAfterMs: null }],
    [404, {}, { ok: false, retryAfterMs: null }],
    [500, {}, { ok: false, retryAfterMs: null }],
    [500, { 'retry-after': '5' }, { ok: false, retryAfterMs: null }],
    [503, {}, { ok: false, retryAfterMs: null }],
    [503, { 'retry-after': '1' }, { ok: false, retryAfterMs: 1000 }],
    [429, { 'retry-after': '120' }, { ok: false, retryAfterMs: 120_000 }],
    [429, { 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, { ok: false, retryAfterMs: 30_000 }],
  ])('HTTP %i %j', async (status, headers, want) => {
    const r = await postJson(
      answering(new Response(status === 204 ? null : '{}', { status, headers })),
      '/c',
      '{}',
      {},
      () => NOW,
    );
    expect(r).toMatchObject({ ...want, status });
    if (!want.ok) expect(r.error).toBe(`HTTP ${status}`);
  });

  it('a network error is a result, not an exception', async () => {
    expect(await postJson(answering(new TypeError('Failed to fetch')), '/c', '{}', {}, () => NOW)).toEqual({
      ok: false,
      error: 'Failed to fetch',
    });
  });

  it('gives up on a collector that never answers', async () => {
    vi.useFakeTimers();
    const p = postJson(answering('never'), '/c', '{}', {}, () => NOW, 'omit', 5000);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await p).toEqual({ ok: false, error: 'no answer within 5 s' });
  });

  it('posts JSON with keepalive, the given headers, and no cookies for the vendor', async () => {
    await postJson(
      answering(new Response('{}')),
      'https://t.example/c',
      '{"a":1}',
      { 'idempotency-key': 'k-1' },
      () => NOW,
    );
    const { url, init } = calls[0];
    expect(url).toBe('https://t.example/c');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', body: '{"a":1}' });
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'idempotency-key': 'k-1' });
  });

  it('drops keepalive for a body over the browser keepalive quota, counted in bytes', async () => {
    await postJson(answering(new Response('{}')), '/c', JSON.stringify({ s: 'é'.repeat(35_000) }), {}, () => NOW);
    expect(calls[0].init.keepalive).toBe(false);
  });
});
