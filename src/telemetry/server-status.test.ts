import { describe, expect, it, vi } from 'vitest';
import { fetchServerStatus, parseServerStatus } from './server-status';

const T = '2025-06-01T12:00:00.000Z';

describe('parseServerStatus', () => {
  it.each<[string, unknown, unknown]>([
    [
      'healthy, never reported',
      { ok: true, lastReportedAt: null, lastAttemptAt: null },
      { ok: true, lastReportedAt: null, payload: null },
    ],
    [
      'healthy, reported',
      { ok: true, lastReportedAt: T, lastAttemptAt: T },
      { ok: true, lastReportedAt: Date.parse(T), payload: null },
    ],
    [
      'failed, with payload',
      { ok: false, lastReportedAt: null, lastAttemptAt: T, payload: { version: '9.9.9', nodes: 3 } },
      { ok: false, lastReportedAt: null, payload: { version: '9.9.9', nodes: 3 } },
    ],
    ['times optional', { ok: false }, { ok: false, lastReportedAt: null, payload: null }],
    [
      'offset instead of Z',
      { ok: true, lastReportedAt: '2025-06-01T14:00:00+02:00' },
      { ok: true, lastReportedAt: Date.parse(T), payload: null },
    ],
    ['payload null', { ok: true, payload: null }, { ok: true, lastReportedAt: null, payload: null }],
    // EMQX / EventStoreDB payloads pass through unchanged.
    [
      'nested payload',
      { ok: false, payload: { cluster: { nodeState: 'Leader' }, vm_specs: { num_cpus: 8 } } },
      { ok: false, lastReportedAt: null, payload: { cluster: { nodeState: 'Leader' }, vm_specs: { num_cpus: 8 } } },
    ],
    ['extra keys ignored', { ok: true, extra: 1 }, { ok: true, lastReportedAt: null, payload: null }],
    [
      'disabled by the operator',
      { ok: true, disabled: true, lastReportedAt: null },
      { ok: true, lastReportedAt: null, payload: null, disabled: true },
    ],
    ['disabled: false', { ok: false, disabled: false }, { ok: false, lastReportedAt: null, payload: null }],
  ])('%s', (_, v, want) => {
    expect(parseServerStatus(v)).toEqual(want);
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /object/],
    ['a string', 'ok', /object/],
    ['an array', [{ ok: true }], /object/],
    ['no ok', { lastReportedAt: T }, /"ok"/],
    ['ok as a string', { ok: 'true' }, /"ok"/],
    ['ok as a number', { ok: 1 }, /"ok"/],
    ['lastReportedAt not a date', { ok: true, lastReportedAt: 'yesterday' }, /lastReportedAt/],
    ['lastReportedAt without an offset', { ok: true, lastReportedAt: '2025-06-01T12:00:00' }, /lastReportedAt/],
    ['lastReportedAt a number', { ok: true, lastReportedAt: 1717243200000 }, /lastReportedAt/],
    // One rule for both halves (src/protocol/iso-time.ts): seconds are required, and the date must exist.
    ['lastReportedAt without seconds', { ok: true, lastReportedAt: '2025-06-01T12:00Z' }, /lastReportedAt/],
    [
      'lastReportedAt on 31 June',
      { ok: true, lastReportedAt: '2025-06-31T12:00:00Z' },
      /"lastReportedAt" is not a valid date/,
    ],
    ['lastAttemptAt not a date', { ok: false, lastAttemptAt: '2025-06-01' }, /lastAttemptAt/],
    ['payload an array', { ok: false, payload: [1, 2] }, /payload/],
    ['payload a string', { ok: false, payload: 'x' }, /payload/],
    ['disabled as a string', { ok: true, disabled: 'yes' }, /"disabled"/],
  ])('%s is an error', (_, v, want) => {
    const r = parseServerStatus(v);
    expect(typeof r).toBe('string');
    expect(r).toMatch(want);
  });
});

describe('fetchServerStatus', () => {
  const respond =
    (r: Response | Error): typeof fetch =>
    async () => {
      if (r instanceof Error) throw r;
      return r;
    };
  const json = (v: unknown, status = 200) =>
    new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });

  it('reads a good answer', async () => {
    const errors: string[] = [];
    expect(
      await fetchServerStatus(respond(json({ ok: false, payload: { a: 1 } })), '/s', (e) => errors.push(e)),
    ).toEqual({
      ok: false,
      lastReportedAt: null,
      payload: { a: 1 },
      ackToken: null,
    });
    expect(errors).toEqual([]);
  });

  it('keeps the acknowledgement token the server hands out', async () => {
    const answer = new Response(JSON.stringify({ ok: true }), {
      headers: { 'content-type': 'application/json', 'consent-relay-ack-token': 'a1b2' },
    });
    expect(await fetchServerStatus(respond(answer), '/s', () => {})).toMatchObject({ ok: true, ackToken: 'a1b2' });
  });

  it.each<[string, Response | Error]>([
    ['HTTP 500', json({ ok: false }, 500)],
    ['HTTP 404', new Response('not found', { status: 404 })],
    ['not JSON', new Response('<html>', { status: 200 })],
    ['malformed', json({ ok: 'yes' })],
    ['network error', new TypeError('Failed to fetch')],
  ])('%s: null (the server is presumed to report) and an error', async (_, r) => {
    const errors: string[] = [];
    expect(await fetchServerStatus(respond(r), '/s', (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('serverStatusUrl');
  });
});

describe('fetchServerStatus time-out', () => {
  it('gives up on a status URL that never answers', async () => {
    vi.useFakeTimers();
    try {
      const never = ((_: string, init: RequestInit) =>
        new Promise((_r, reject) =>
          init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        )) as unknown as typeof fetch;
      const errors: string[] = [];
      const p = fetchServerStatus(never, '/s', (e) => errors.push(e), 1000);
      await vi.advanceTimersByTimeAsync(1001);
      expect(await p).toBeNull();
      expect(errors).toEqual(['telemetry.serverStatusUrl could not be read (no answer within 1 s); nothing sent']);
    } finally {
      vi.useRealTimers();
    }
  });
});
