import type { ReportState } from './report-state';
import type { SharedReporterState } from './store/reporter-state';
import type { ReportResult } from './types';
import { unref } from './unref';

// setTimeout fires almost at once for delays past 2^31-1 ms (~24.8 days) in Node and browsers; sleep at most that
// long and ask the schedule again.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LoopDeps {
  options: { intervalMs: number; initialDelayMs: number; now: () => number };
  state: ReportState;
  /** one report of `period`, its outcome written to the store when there is one */
  reportNow(period: number): Promise<ReportResult>;
  disabledBy(): string | null;
  /** With a store: the state every replica shares, and how long a claim on a period holds. */
  shared: { state: SharedReporterState; leaseMs: number } | null;
  /** read the store's view into the state (nothing without a store) */
  pull(): Promise<unknown>;
  /** a store call that fails is logged and answered with `fallback` */
  storeCall<T>(call: () => Promise<T>, fallback: T): Promise<T>;
}

/**
 * The schedule's timer: sleeps until the pure schedule (server/schedule.ts) says a report is due, reports (one
 * replica per period when there is a store), and asks again.
 */
export function createReportLoop(d: LoopDeps): { start(): void; stop(): void } {
  const o = d.options;
  let startedAt = 0;
  // Bumped by start() and stop(), so a tick that was mid-report when the schedule changed does not re-arm itself.
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (id: number, delayMs: number): void => {
    timer = unref(setTimeout(() => void tick(id), Math.min(Math.max(0, delayMs), MAX_TIMER_MS)));
  };

  /** Reports this period unless another replica has claimed it; false when it has (look again after its lease). */
  const reportClaimed = async (shared: NonNullable<LoopDeps['shared']>): Promise<boolean> => {
    const period = Math.floor(o.now() / o.intervalMs);
    if (!(await d.storeCall(() => shared.state.claim(period, o.now(), shared.leaseMs), false))) return false;
    await d.reportNow(period);
    return true;
  };

  const tick = async (id: number): Promise<void> => {
    if (id !== run) return;
    // Turned off after start (a test, a host changing its environment): look again an interval later.
    if (d.disabledBy()) return arm(id, o.intervalMs);
    await d.pull();
    if (id !== run) return;
    let decision = d.state.due(o.now(), startedAt);
    if (decision.due) {
      // One replica per period: the others look again once the claim's holder is done, or its lease is over.
      if (d.shared && !(await reportClaimed(d.shared))) {
        if (id === run) arm(id, Math.min(o.intervalMs, d.shared.leaseMs));
        return;
      }
      if (!d.shared) await d.reportNow(Math.floor(o.now() / o.intervalMs));
      if (id !== run) return;
      decision = d.state.due(o.now(), startedAt);
    }
    arm(id, decision.due ? o.intervalMs : decision.waitMs);
  };

  return {
    start() {
      startedAt = o.now();
      arm(++run, o.initialDelayMs);
    },
    stop() {
      run++;
      clearTimeout(timer);
    },
  };
}
