import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, reportDue, retryDelayMs, type ScheduleInput } from './schedule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const base: ScheduleInput = {
  now: 0,
  startedAt: 0,
  lastReportedAt: null,
  lastAttemptAt: null,
  failures: 0,
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
      'one failure, retry not yet',
      { now: 2 * HOUR, lastAttemptAt: 2 * HOUR - 60_000, failures: 1 },
      { due: false, reason: 'backoff', waitMs: RETRY_BASE_MS - 60_000 },
    ],
    [
      'one failure, retry time reached',
      { now: 2 * HOUR, lastAttemptAt: 2 * HOUR - RETRY_BASE_MS, failures: 1 },
      { due: true, reason: 'due', waitMs: 0 },
    ],
    [
      'three failures double twice',
      { now: 2 * HOUR, lastAttemptAt: 2 * HOUR, failures: 3 },
      { due: false, reason: 'backoff', waitMs: 4 * RETRY_BASE_MS },
    ],
    [
      'a browser report wins over the back-off',
      { now: 2 * HOUR, lastAttemptAt: 2 * HOUR, failures: 1, lastReportedAt: 2 * HOUR },
      { due: false, reason: 'reported', waitMs: DAY },
    ],
    ['failures with no attempt time do not block', { now: HOUR, failures: 2 }, { due: true, reason: 'due', waitMs: 0 }],
  ])('%s', (_, input, expected) => {
    expect(reportDue({ ...base, ...input })).toEqual(expected);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [0, DAY, RETRY_BASE_MS],
    [1, DAY, RETRY_BASE_MS],
    [2, DAY, 2 * RETRY_BASE_MS],
    [5, DAY, 16 * RETRY_BASE_MS],
    [9, DAY, 256 * RETRY_BASE_MS], // 5 min × 2^8 = 21.3 h still fits in a day
    [10, DAY, DAY], // 5 min × 2^9 = 42.7 h does not
    [2000, DAY, DAY], // 2^1999 is Infinity; the cap still holds
    [1, 50, 50], // short test intervals are never exceeded
  ])('after %i failures with interval %i → %i', (failures, interval, expected) => {
    expect(retryDelayMs(failures, interval)).toBe(expected);
  });

  it('takes a custom base', () => {
    expect(retryDelayMs(3, 1000, 10)).toBe(40);
  });
});
