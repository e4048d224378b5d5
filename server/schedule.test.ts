import { describe, expect, it } from 'vitest';
import {
  MAX_RETRY_AFTER_MS,
  nextTry,
  RETRY_BASE_MS,
  reportDue,
  type FailedAttempt,
  type ScheduleInput,
} from './schedule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const base: ScheduleInput = {
  now: 0,
  startedAt: 0,
  lastReportedAt: null,
  retryAt: null,
  intervalMs: DAY,
  initialDelayMs: HOUR,
};

describe('reportDue', () => {
  it.each<[string, Partial<ScheduleInput>, ReturnType<typeof reportDue>]>([
    ['right after start', { now: 0 }, { due: false, reason: 'initial-delay', waitMs: HOUR }],
    ['just before the initial delay ends', { now: HOUR - 1 }, { due: false, reason: 'initial-delay', waitMs: 1 }],
    ['when the initial delay ends', { now: HOUR }, { due: true, reason: 'due', waitMs: 0 }],
    ['with no initial delay', { initialDelayMs: 0 }, { due: true, reason: 'due', waitMs: 0 }],
    [
      'initial delay counts from start, not epoch',
      { startedAt: 10 * DAY, now: 10 * DAY + 1 },
      { due: false, reason: 'initial-delay', waitMs: HOUR - 1 },
    ],
    [
      'reported within this interval',
      { now: 2 * HOUR, lastReportedAt: HOUR },
      { due: false, reason: 'reported', waitMs: DAY - HOUR },
    ],
    [
      'reported exactly one interval ago',
      { now: DAY + HOUR, lastReportedAt: HOUR },
      { due: true, reason: 'due', waitMs: 0 },
    ],
    [
      'reported more than one interval ago',
      { now: 3 * DAY, lastReportedAt: HOUR },
      { due: true, reason: 'due', waitMs: 0 },
    ],
    [
      'a browser reported before the initial delay ended',
      { now: HOUR, lastReportedAt: HOUR / 2 },
      { due: false, reason: 'reported', waitMs: DAY - HOUR / 2 },
    ],
    [
      'reportedAt a little ahead of our clock',
      { now: 2 * HOUR, lastReportedAt: 2 * HOUR + 30_000 },
      { due: false, reason: 'reported', waitMs: DAY + 30_000 },
    ],
    [
      'a retry not yet',
      { now: 2 * HOUR, retryAt: 2 * HOUR + 60_000 },
      { due: false, reason: 'backoff', waitMs: 60_000 },
    ],
    ['a retry time reached', { now: 2 * HOUR, retryAt: 2 * HOUR }, { due: true, reason: 'due', waitMs: 0 }],
    [
      'a browser report wins over the back-off',
      { now: 2 * HOUR, retryAt: 3 * HOUR, lastReportedAt: 2 * HOUR },
      { due: false, reason: 'reported', waitMs: DAY },
    ],
    [
      'a Retry-After past the reported period still holds',
      { now: DAY + HOUR, lastReportedAt: HOUR, retryAt: 2 * DAY },
      { due: false, reason: 'backoff', waitMs: DAY - HOUR },
    ],
  ])('%s', (_, input, expected) => {
    expect(reportDue({ ...base, ...input })).toEqual(expected);
  });
});

describe('nextTry', () => {
  const failure: FailedAttempt = {
    at: 0,
    failures: 1,
    retryable: true,
    retryAfterMs: null,
    intervalMs: DAY,
    random: () => 1, // the top of the jitter range, so the table can name exact steps
  };
  it.each<[string, Partial<FailedAttempt>, ReturnType<typeof nextTry>]>([
    ['a first retryable failure', {}, { at: RETRY_BASE_MS, why: 'backoff' }],
    ['jitter: never sooner than half the step', { random: () => 0 }, { at: RETRY_BASE_MS / 2, why: 'backoff' }],
    ['the third doubles twice', { failures: 3 }, { at: 4 * RETRY_BASE_MS, why: 'backoff' }],
    ['capped at one interval', { failures: 30 }, { at: DAY, why: 'backoff' }],
    ['short test intervals are never exceeded', { intervalMs: 50 }, { at: 50, why: 'backoff' }],
    ['a permanent failure waits for the next period', { retryable: false }, { at: DAY, why: 'next-period' }],
    [
      'a permanent failure ignores Retry-After',
      { retryable: false, retryAfterMs: 2 * DAY },
      { at: DAY, why: 'next-period' },
    ],
    ['a longer Retry-After wins', { retryAfterMs: HOUR }, { at: HOUR, why: 'retry-after' }],
    ['Retry-After past the interval', { intervalMs: 2000, retryAfterMs: HOUR }, { at: HOUR, why: 'retry-after' }],
    ['a shorter Retry-After waits the back-off', { retryAfterMs: 1000 }, { at: RETRY_BASE_MS, why: 'backoff' }],
    ['an absurd Retry-After is capped', { retryAfterMs: 365 * DAY }, { at: MAX_RETRY_AFTER_MS, why: 'retry-after' }],
    ['counts from the attempt', { at: 10 * DAY, retryable: false }, { at: 11 * DAY, why: 'next-period' }],
  ])('%s', (_, input, expected) => {
    expect(nextTry({ ...failure, ...input })).toEqual(expected);
  });
});
