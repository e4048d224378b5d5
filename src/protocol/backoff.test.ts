import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { parseRetryAfter } from './retry';

describe('backoffDelay', () => {
  it.each([
    // attempt, base, max, random → delay: half the cap plus a jittered half
    [0, 1000, 60_000, 0, 500],
    [0, 1000, 60_000, 1, 1000],
    [1, 1000, 60_000, 0, 1000],
    [1, 1000, 60_000, 1, 2000],
    [3, 1000, 60_000, 0.5, 6000],
    [10, 1000, 60_000, 1, 60_000],
    [10, 1000, 60_000, 0, 30_000],
    [-2, 1000, 60_000, 1, 1000],
  ])('attempt %i, base %i, max %i, random %f → %i', (attempt, base, max, r, want) => {
    expect(backoffDelay(attempt, base, max, () => r)).toBe(want);
  });

  it('stays within [cap/2, cap] and never passes max', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const cap = Math.min(3_600_000, 2000 * 2 ** attempt);
      for (let i = 0; i < 20; i++) {
        const d = backoffDelay(attempt, 2000, 3_600_000);
        expect(d).toBeGreaterThanOrEqual(cap / 2);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('grows with the attempt', () => {
    const mid = () => 0.5;
    expect(backoffDelay(2, 1000, 1e9, mid)).toBeGreaterThan(backoffDelay(1, 1000, 1e9, mid));
  });
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  it.each<[string | null, number | null]>([
    [null, null],
    ['', null],
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    [' 5 ', 5000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:29:00 GMT', 60_000],
    // A date in the past means "now", not a negative wait.
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
  ])('%j → %j', (v, want) => {
    expect(parseRetryAfter(v, now)).toBe(want);
  });
});
