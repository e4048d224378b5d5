/**
 * When the server's next report is due. Pure: the reporter hands in the clock and its state, so the rules can be
 * tested by table and the timer only ever sleeps until the `waitMs` this returns, then asks again.
 */

/** First retry after a failed attempt; each further failure doubles it, capped at one interval. */
export const RETRY_BASE_MS = 5 * 60_000;

/** What the schedule needs to know; times are epoch milliseconds. */
export interface ScheduleInput {
  now: number;
  startedAt: number;
  /** The latest report of any source (this server, or a browser's POST `{ reportedAt }`), or null. */
  lastReportedAt: number | null;
  /** The latest attempt by this server, or null. */
  lastAttemptAt: number | null;
  /** Failed attempts since the last success. */
  failures: number;
  intervalMs: number;
  initialDelayMs: number;
  retryBaseMs?: number;
}

/** `due`, or why not and how long until it may be. */
export type ScheduleDecision =
  | { due: true; reason: 'due'; waitMs: 0 }
  | { due: false; reason: 'initial-delay' | 'reported' | 'backoff'; waitMs: number };

/**
 * Back-off after `failures` failed attempts: 5 min, 10 min, 20 min, … but never longer than the interval, so a
 * short outage costs minutes of reporting, not a whole day, and a long one never polls more than it would anyway.
 */
export function retryDelayMs(failures: number, intervalMs: number, baseMs = RETRY_BASE_MS): number {
  return Math.min(intervalMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/** Whether a report is due now. The checks run in order: initial delay, period already reported, back-off. */
export function reportDue(input: ScheduleInput): ScheduleDecision {
  const { now, startedAt, lastReportedAt, lastAttemptAt, failures, intervalMs, initialDelayMs } = input;
  // EventStoreDB: nothing before the initial delay, so short-lived instances (test containers) never report.
  const firstAt = startedAt + initialDelayMs;
  if (now < firstAt) return { due: false, reason: 'initial-delay', waitMs: firstAt - now };
  // A period that has a report — ours or the browser's fallback — is not reported twice.
  if (lastReportedAt !== null && now < lastReportedAt + intervalMs) {
    return { due: false, reason: 'reported', waitMs: lastReportedAt + intervalMs - now };
  }
  if (failures > 0 && lastAttemptAt !== null) {
    const retryAt = lastAttemptAt + retryDelayMs(failures, intervalMs, input.retryBaseMs);
    if (now < retryAt) return { due: false, reason: 'backoff', waitMs: retryAt - now };
  }
  return { due: true, reason: 'due', waitMs: 0 };
}
