import { describe, expect, it } from 'vitest';
import { deliveryOutcome } from './deliver';
import type { OutboxItem } from './outbox';
import type { SendResult } from './transport';

const AT = Date.parse('2025-06-01T12:00:00Z');
const report = {
  schema: 1 as const,
  instanceId: 'i',
  sentAt: '2025-06-01T11:59:59.000Z',
  source: 'browser' as const,
  server: null,
  ui: { counts: {}, pageViews: {} },
};
const item: OutboxItem = { key: 'i-0', body: '{"é":1}', report, attempts: 2, nextAt: 0 };
const line = { at: '2025-06-01T12:00:00.000Z', bytes: 8, attempt: 3 };

describe('deliveryOutcome: one outcome per answer', () => {
  it.each<[string, SendResult, object, string | undefined, number | undefined]>([
    [
      '2xx: sent, leaves the outbox',
      { ok: true, status: 202 },
      { status: 'sent', reason: 'send', httpStatus: 202, report },
      undefined,
      undefined,
    ],
    [
      '413: refused, dropped, said once',
      { ok: false, status: 413, error: 'HTTP 413' },
      { status: 'refused', reason: 'http', httpStatus: 413, error: 'HTTP 413' },
      'telemetry endpoint refused the report (HTTP 413); it is not retried',
      undefined,
    ],
    [
      '401: refused too',
      { ok: false, status: 401, error: 'HTTP 401' },
      { status: 'refused', httpStatus: 401 },
      'telemetry endpoint refused the report (HTTP 401); it is not retried',
      undefined,
    ],
    // attempt 3 is the third retry step: 2000 · 2² = 8000 ms, half of it plus the jittered half (random 0.5)
    [
      '500: failed, kept, backoff',
      { ok: false, status: 500, retryAfterMs: null, error: 'HTTP 500' },
      { status: 'failed', reason: 'http', httpStatus: 500 },
      undefined,
      AT + 6000,
    ],
    [
      '408: failed, retried',
      { ok: false, status: 408, error: 'HTTP 408' },
      { status: 'failed', reason: 'http' },
      undefined,
      AT + 6000,
    ],
    [
      '429 with Retry-After: as asked',
      { ok: false, status: 429, retryAfterMs: 120_000, error: 'HTTP 429' },
      { status: 'failed' },
      undefined,
      AT + 120_000,
    ],
    [
      '503 with a Retry-After of a year: a day at most',
      { ok: false, status: 503, retryAfterMs: 365 * 86_400_000, error: 'HTTP 503' },
      { status: 'failed' },
      undefined,
      AT + 86_400_000,
    ],
    [
      'network error: failed, kept',
      { ok: false, error: 'Failed to fetch' },
      { status: 'failed', reason: 'network', error: 'Failed to fetch' },
      undefined,
      AT + 6000,
    ],
    [
      'time-out: failed, kept',
      { ok: false, error: 'no answer within 30 s' },
      { status: 'failed', reason: 'network' },
      undefined,
      AT + 6000,
    ],
  ])('%s', (_, result, entry, error, retryAt) => {
    const outcome = deliveryOutcome(item, result, AT, () => 0.5);
    expect(outcome.entry).toMatchObject({ ...line, ...entry });
    expect(outcome.error).toBe(error);
    expect(outcome.retryAt).toBe(retryAt);
  });
});
