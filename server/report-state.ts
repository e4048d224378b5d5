import { type NextTry, nextTry, reportDue, type ScheduleDecision } from './schedule';
import type { SharedStatus } from './store/reporter-state';
import type { ServerReporterStatus } from './types';

/**
 * The server reporter's own state, in memory: what `status()` shows, and what the schedule counts as "this period
 * is reported". Every change goes through one of the methods here, each named for the event that causes it.
 * (createReportState is past the house limit only by its read-only getters: one variable each, kept private so
 * nothing else can change them.)
 */
export interface ReportState {
  /** a report was sent (`sent`) or only logged: the period is done, failures are forgotten */
  counted(at: number, sent: boolean): void;
  /** a browser's acknowledgement, verified when it echoed a recent status token */
  acknowledge(at: number, verified: boolean): void;
  /** an attempt that built nothing (the host's collect() failed): `ok` stays as it was */
  notBuilt(at: number): NextTry;
  /** a send that failed: `ok` is false until the next success */
  sendFailed(at: number, retryable: boolean, retryAfterMs: number | null): NextTry;
  collected(payload: object): void;
  /** what other replicas (and browsers through them) recorded in the store */
  pulled(shared: SharedStatus): void;
  due(now: number, startedAt: number): ScheduleDecision;
  /** the status as this process alone knows it */
  status(): ServerReporterStatus;
  /** the status with the store's view folded in: any replica answers for all */
  statusWith(shared: SharedStatus): ServerReporterStatus;
  readonly lastReportedAt: number | null;
  /** the latest report the schedule counts (see the comment in the function) */
  readonly countedAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly retryAt: number | null;
  readonly payload: object | null;
}

/**
 * What this process knows of its reports: the last one, the one the schedule counts, retries, and a browser's
 * acknowledgement credit. Longer than the house limit because it is one object of getters over the same few fields,
 * each a line or two; splitting it would scatter the rules of one schedule.
 */
export function createReportState(o: { intervalMs: number; initialDelayMs: number }): ReportState {
  let ok = true;
  let lastReportedAt: number | null = null;
  let lastAttemptAt: number | null = null;
  let payload: object | null = null;
  // What the schedule counts as "this period is reported": our own success, a logged report, a verified
  // acknowledgement, and at most one unverified acknowledgement between two of those (the period cap that keeps one
  // stranger's POST from silencing more than one period; README "what the status endpoint trusts").
  let countedAt: number | null = null;
  let unverifiedCredit = true;
  let retryAt: number | null = null;
  let failures = 0;

  const count = (at: number) => {
    countedAt = latest(countedAt, at);
    unverifiedCredit = true;
    retryAt = null;
    failures = 0;
  };
  const fail = (at: number, retryable: boolean, retryAfterMs: number | null): NextTry => {
    failures++;
    const next = nextTry({ at, failures, retryable, retryAfterMs, intervalMs: o.intervalMs });
    retryAt = next.at;
    return next;
  };
  const status = (): ServerReporterStatus => ({
    ok,
    lastReportedAt: iso(lastReportedAt),
    lastAttemptAt: iso(lastAttemptAt),
    payload,
  });

  return {
    counted(at, sent) {
      if (sent) {
        ok = true;
        lastAttemptAt = at;
        lastReportedAt = latest(lastReportedAt, at);
      }
      count(at);
    },
    acknowledge(at, verified) {
      lastReportedAt = latest(lastReportedAt, at);
      if (verified) count(at);
      else if (unverifiedCredit) {
        unverifiedCredit = false;
        countedAt = latest(countedAt, at);
      }
    },
    notBuilt: (at) => fail(at, true, null),
    sendFailed(at, retryable, retryAfterMs) {
      ok = false;
      lastAttemptAt = at;
      return fail(at, retryable, retryAfterMs);
    },
    collected(p) {
      payload = p;
    },
    pulled(shared) {
      if (shared.lastReportedAt == null) return;
      lastReportedAt = latest(lastReportedAt, shared.lastReportedAt);
      countedAt = latest(countedAt, shared.lastReportedAt);
    },
    due: (now, startedAt) =>
      reportDue({
        now,
        startedAt,
        lastReportedAt: countedAt,
        retryAt,
        intervalMs: o.intervalMs,
        initialDelayMs: o.initialDelayMs,
      }),
    status,
    statusWith(shared) {
      const attempt = latest(lastAttemptAt, shared.lastAttemptAt);
      const ours = attempt !== null && attempt === lastAttemptAt;
      return {
        ...status(),
        ok: ours ? ok : shared.ok,
        lastAttemptAt: iso(attempt),
        payload: payload ?? shared.payload,
      };
    },
    get lastReportedAt() {
      return lastReportedAt;
    },
    get countedAt() {
      return countedAt;
    },
    get lastAttemptAt() {
      return lastAttemptAt;
    },
    get retryAt() {
      return retryAt;
    },
    get payload() {
      return payload;
    },
  };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
