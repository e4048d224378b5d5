import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { isRetryableStatus, parseRetryAfter } from './retry';

describe('isRetryableStatus', () => {
  it.each<[number | undefined, boolean]>([
    [undefined, true], // network error or time-out
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [302, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [413, false],
    [422, false],
  ])('%s → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  it.each<[string | null, number | null]>([
    [null, null],
    ['', null],
    ['0', 0],
    ['3600', 3_600_000],
    [' 5 ', 5000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0], // a date in the past means "now", not a negative wait
    ['soon', null],
    ['-5', null],
    ['1.5', null],
  ])('%j → %j', (value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});

describe('backoffDelay', () => {
  it.each([
    // attempt, base, max, random → half the step plus a jittered half
    [0, 1000, 60_000, 0, 500],
    [0, 1000, 60_000, 1, 1000],
    [3, 1000, 60_000, 0.5, 6000],
    [10, 1000, 60_000, 1, 60_000],
    [-2, 1000, 60_000, 1, 1000],
    [2000, 1000, 60_000, 0, 30_000], // 2^2000 is Infinity; the cap still holds
  ])('attempt %i, base %i, max %i, random %f → %i', (attempt, base, max, r, want) => {
    expect(backoffDelay(attempt, base, max, () => r)).toBe(want);
  });
});
