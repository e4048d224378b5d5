import { describe, expect, it } from 'vitest';
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
    ['1', 1000],
    ['120', 120_000],
    ['3600', 3_600_000],
    [' 5 ', 5000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:29:00 GMT', 60_000],
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0], // a date in the past means "now", not a negative wait
    ['soon', null],
    ['-5', null],
    ['1.5', null],
  ])('%j → %j', (value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});
