import { describe, expect, it } from 'vitest';
import type { Decision } from './decision';
import { LEASE_MS } from './lock';
import { dueAfter, earliest, MIN_CHECK_GAP_MS, periodKey, SERVER_RECHECK_MS, timerDelay } from './schedule';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;

describe('dueAfter: when the next check is due', () => {
  it.each<[string, Decision | 'lease_held', number, number | undefined]>([
    ['a report was built: the next period', { reason: 'send', build: true }, DAY, NOW + DAY],
    ['only logged: the next period too', { reason: 'logging', build: true }, DAY, NOW + DAY],
    ['not due: when it is due', { reason: 'not_due', build: false, dueAt: NOW + 5000 }, DAY, NOW + 5000],
    ['the server reports: within the hour', { reason: 'server_ok', build: false }, DAY, NOW + SERVER_RECHECK_MS],
    ['the server reports, short interval: the interval', { reason: 'server_ok', build: false }, 60_000, NOW + 60_000],
    ['another tab holds the lease: within the lease', 'lease_held', DAY, NOW + LEASE_MS],
    ['another tab holds the lease, short interval', 'lease_held', 5000, NOW + 5000],
    ['no consent: not until something changes', { reason: 'no_consent', build: false }, DAY, undefined],
    ['DNT: not until something changes', { reason: 'dnt', build: false }, DAY, undefined],
  ])('%s', (_, outcome, intervalMs, want) => {
    expect(dueAfter(outcome, NOW, intervalMs)).toBe(want);
  });
});

describe('timerDelay', () => {
  it.each([
    ['due in a minute', NOW + 60_000, 60_050],
    ['due now: at least the minimum gap, never a busy loop', NOW, MIN_CHECK_GAP_MS],
    ['overdue', NOW - DAY, MIN_CHECK_GAP_MS],
    ['past what a timer takes: the longest one (a later check re-schedules)', NOW + 100 * DAY, 2 ** 31 - 1],
  ])('%s', (_, at, want) => {
    expect(timerDelay(at, NOW)).toBe(want);
  });
});

describe('earliest and periodKey', () => {
  it.each<[number | undefined, number | undefined, number | undefined]>([
    [undefined, undefined, undefined],
    [5, undefined, 5],
    [undefined, 7, 7],
    [5, 7, 5],
    [9, 7, 7],
  ])('earliest(%s, %s) → %s', (a, b, want) => {
    expect(earliest(a, b)).toBe(want);
  });

  it.each([
    ['the first period', NOW + 1000, 'id-0'],
    ['still the first', NOW + 1000 + DAY - 1, 'id-0'],
    ['the second', NOW + 1000 + DAY, 'id-1'],
  ])('%s', (_, now, want) => {
    expect(periodKey('id', NOW, now, 1000, DAY)).toBe(want);
  });
});
