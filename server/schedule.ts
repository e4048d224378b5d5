/**
 * When the server's next report is due, and when to try again after a failure. Pure: the reporter hands in the
 * clock and its state, so the rules are tested by table and the timer only ever sleeps until the `waitMs` this
 * returns, then asks again.
 */
import { backoffDelay } from '../src/protocol/backoff';

/** The first retry after a retryable failure comes 2.5–5 min later; each further failure doubles the step. */
export const RETRY_BASE_MS = 5 * 60_000;

/** A Retry-After past this is read as this: a wrong header must not silence reporting for months. */
export const MAX_RETRY_AFTER_MS = 7 * 86_400_000;

/** What the schedule needs to know; times are epoch milliseconds. */
export interface ScheduleInput {
  now: number;
  startedAt: number;
  /** The latest report the schedule counts (this server's, or a browser's acknowledgement), or null. */
  lastReportedAt: number | null;
  /** Not before this after a failed attempt (back-off, Retry-After or the next period), or null. */
  retryAt: number | null;
  intervalMs: number;
  initialDelayMs: number;
}

/** `due`, or why not and how long until it may be. */
export type ScheduleDecision =
  | { due: true; reason: 'due'; waitMs: 0 }
  | { due: false; reason: 'initial-delay' | 'reported' | 'backoff'; waitMs: number };

/** Whether a report is due now. The checks run in order: initial delay, period already reported, back-off. */
export function reportDue(input: ScheduleInput): ScheduleDecision {
  const { now, startedAt, lastReportedAt, retryAt, intervalMs, initialDelayMs } = input;
  // EventStoreDB: nothing before the initial delay, so short-lived instances (test containers) never report.
  const firstAt = startedAt + initialDelayMs;
  if (now < firstAt) return { due: false, reason: 'initial-delay', waitMs: firstAt - now };
  // A period that has a report — ours or the browser's fallback — is not reported twice.
  if (lastReportedAt !== null && now < lastReportedAt + intervalMs) {
    return { due: false, reason: 'reported', waitMs: lastReportedAt + intervalMs - now };
  }
  if (retryAt !== null && now < retryAt) return { due: false, reason: 'backoff', waitMs: retryAt - now };
  return { due: true, reason: 'due', waitMs: 0 };
}

/** One failed attempt, as the reporter saw it. */
export interface FailedAttempt {
  at: number;
  /** Consecutive failures, this one included. */
  failures: number;
  /** A network error, time-out, 408, 429 or 5xx (src/protocol/retry.ts); anything else waits for the next period. */
  retryable: boolean;
  /** What the endpoint's Retry-After asked for, in ms, or null. */
  retryAfterMs: number | null;
  intervalMs: number;
  random?: () => number;
  baseMs?: number;
}

/** When to try again, and why then. */
export interface NextTry {
  at: number;
  why: 'backoff' | 'retry-after' | 'next-period';
}

/**
 * After a failure: a permanent one (another 4xx, a redirect) waits a whole interval, since it will fail the same way
 * until the configuration changes; a retryable one backs off with jitter (never longer than the interval, so a short
 * outage costs minutes of reporting), or waits as long as the endpoint's Retry-After asked if that is longer — even
 * past the interval: a vendor shedding load is not asked again sooner (docs/SPEC.md §7).
 */
export function nextTry(f: FailedAttempt): NextTry {
  if (!f.retryable) return { at: f.at + f.intervalMs, why: 'next-period' };
  const backoff = backoffDelay(f.failures - 1, f.baseMs ?? RETRY_BASE_MS, f.intervalMs, f.random);
  const asked = f.retryAfterMs === null ? null : Math.min(f.retryAfterMs, MAX_RETRY_AFTER_MS);
  if (asked !== null && asked > backoff) return { at: f.at + asked, why: 'retry-after' };
  return { at: f.at + backoff, why: 'backoff' };
}
