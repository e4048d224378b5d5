import type { Decision } from './decision';
import { LEASE_MS } from './lock';

/** The server reports for itself: the browser looks again within this long (it may fail later, or the period pass). */
export const SERVER_RECHECK_MS = 3_600_000;
/** Checks at least this far apart, whatever the interval: a tiny intervalMs must not become a busy loop of reports. */
export const MIN_CHECK_GAP_MS = 1000;
/** setTimeout fires at once past 2^31-1 ms; a later check re-schedules. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * When the next check is due (epoch ms), the one place that says it: after a check's decision, or `lease_held` when
 * another tab holds the IndexedDB lease (no Web Locks) and reports now. Undefined: not until something changes (a
 * consent, a flush()). Pure and table-tested.
 */
export function dueAfter(outcome: Decision | 'lease_held', now: number, intervalMs: number): number | undefined {
  // Look again later, or this tab would never report once the other one closes.
  if (outcome === 'lease_held') return now + Math.min(intervalMs, LEASE_MS);
  // A report of this period was built (sent, queued, logged or refused): its counts left with it or were dropped.
  if (outcome.build) return now + intervalMs;
  if (outcome.reason === 'server_ok') return now + Math.min(intervalMs, SERVER_RECHECK_MS);
  return outcome.dueAt;
}

/** The timer's delay for a check due at `at`: a little after it, at least MIN_CHECK_GAP_MS, at most what a timer takes. */
export function timerDelay(at: number, now: number): number {
  return Math.min(Math.max(MIN_CHECK_GAP_MS, at - now + 50), MAX_TIMER_MS);
}

/** The earlier of two times, either of which may be absent. */
export function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The outbox key of this device's current period: one report per instance and period. */
export function periodKey(
  instanceId: string,
  firstSeen: number,
  now: number,
  initialDelayMs: number,
  intervalMs: number,
) {
  return `${instanceId}-${Math.floor((now - firstSeen - initialDelayMs) / intervalMs)}`;
}
