import { collectPayload } from './collect';
import { errorMessage } from './error-message';
import { unref } from './unref';
import { disclosureText } from './disclosure';
import { displayEndpoint } from './endpoint';
import { handleStatusRequest } from './handler';
import { resolveOptions, type ServerReporterOptions } from './options';
import { reportDue } from './schedule';
import { postReport } from './send';
import type { ReportResult, ServerReporter, ServerReporterStatus } from './types';

// setTimeout fires almost at once for delays past 2^31-1 ms (~24.8 days) in Node and browsers; sleep at most that long and
// ask the schedule again.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The server's own usage reporter and the status endpoint the browser fallback reads (docs/SPEC.md §7).
 * Checks the options at once and throws a `TypeError` naming a bad one; after that nothing it does throws into
 * the host. Nothing happens until `start()` or `reportNow()`.
 *
 * @example
 * const reporter = createServerReporter({ endpoint: 'https://telemetry.vendor.example/v1', collect: () => ({ nodes: 3 }) });
 * reporter.start();
 */
export function createServerReporter(options: ServerReporterOptions): ServerReporter {
  const o = resolveOptions(options);
  const where = displayEndpoint(o.endpoint);
  // Not a secret and not a fingerprint: only tells this reporter's idempotency keys from another install's.
  const instanceKey = Math.random().toString(36).slice(2, 10);

  let ok = true;
  let lastReportedAt: number | null = null;
  let lastAttemptAt: number | null = null;
  let payload: object | null = null;
  // Schedule-only state: with the logging strategy nothing is reported or attempted, yet the period is done.
  let lastLoggedAt: number | null = null;
  let lastRunAt: number | null = null;
  let failures = 0;

  let startedAt = 0;
  // Bumped by start() and stop(), so a tick that was mid-report when the schedule changed does not re-arm itself.
  let run = 0;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<ReportResult> | null = null;

  const write = (level: 'info' | 'error', message: string): void => {
    try {
      o.log[level](message);
    } catch {
      // A broken logger must not turn a report into an exception in the host.
    }
  };

  const markReported = (at: number): void => {
    lastReportedAt = latest(lastReportedAt, at);
  };

  const fail = (at: number, error: string, status?: number): ReportResult => {
    failures++;
    lastRunAt = at;
    if (o.strategy === 'send') {
      ok = false;
      lastAttemptAt = at;
    }
    write(
      'error',
      o.strategy === 'send'
        ? `consent-relay/server: usage report to ${where} failed: ${error}`
        : `consent-relay/server: usage report could not be built (logging strategy): ${error}`,
    );
    return status === undefined ? { ok: false, error } : { ok: false, status, error };
  };

  const attempt = async (): Promise<ReportResult> => {
    if (!o.enabled) return { ok: false, skipped: 'disabled' };
    const collected = await collectPayload(o.collect, o.timeoutMs);
    const at = o.now();
    if (!collected.ok) return fail(at, collected.error);
    payload = collected.payload;
    const body = JSON.stringify({ schema: 1, source: 'server', sentAt: new Date(at).toISOString(), server: payload });
    if (o.strategy === 'logging') {
      lastLoggedAt = lastRunAt = at;
      failures = 0;
      write('info', `consent-relay/server: usage report (logging strategy: not sent): ${body}`);
      return { ok: true, skipped: 'logging' };
    }
    // One key per period: a retry the endpoint already stored (the answer was lost) is recognised, not counted
    // twice. The instance part keeps two installs reporting in the same period apart.
    const key = `server-${instanceKey}-${Math.floor(at / o.intervalMs)}`;
    const sent = await postReport(o.fetch, o.endpoint, body, key, o.timeoutMs);
    if (!sent.ok) return fail(at, sent.error, sent.status);
    ok = true;
    failures = 0;
    lastAttemptAt = lastRunAt = at;
    markReported(at);
    write('info', `consent-relay/server: usage report sent to ${where} (HTTP ${sent.status}): ${body}`);
    return { ok: true, status: sent.status };
  };

  const reportNow = (): Promise<ReportResult> => {
    inFlight ??= attempt()
      .catch((err: unknown) => fail(o.now(), `unexpected error: ${errorMessage(err)}`))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const arm = (id: number, delayMs: number): void => {
    timer = unref(setTimeout(() => void tick(id), Math.min(Math.max(0, delayMs), MAX_TIMER_MS)));
  };

  const decide = () =>
    reportDue({
      now: o.now(),
      startedAt,
      lastReportedAt: latest(lastReportedAt, lastLoggedAt),
      lastAttemptAt: lastRunAt,
      failures,
      intervalMs: o.intervalMs,
      initialDelayMs: o.initialDelayMs,
    });

  const tick = async (id: number): Promise<void> => {
    if (id !== run) return;
    let decision = decide();
    if (decision.due) {
      await reportNow();
      if (id !== run) return;
      decision = decide();
    }
    arm(id, decision.waitMs);
  };

  const status = (): ServerReporterStatus => ({
    ok,
    lastReportedAt: iso(lastReportedAt),
    lastAttemptAt: iso(lastAttemptAt),
    payload,
  });

  return {
    start() {
      if (started) return;
      started = true;
      startedAt = o.now();
      write('info', disclosureText(o));
      if (!o.enabled) return;
      arm(++run, o.initialDelayMs);
    },
    stop() {
      started = false;
      run++;
      clearTimeout(timer);
    },
    reportNow,
    status,
    handle: (request) => handleStatusRequest(request, { status, markReported, now: o.now }),
  };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
