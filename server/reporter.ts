import { displayEndpoint } from '../src/protocol/endpoint';
import type { ServerReportEnvelope } from '../src/protocol/envelope';
import { createAckTokens } from './ack-token';
import { collectPayload } from './collect';
import { describeBody } from './digest';
import { disclosureText, roughDuration } from './disclosure';
import { errorMessage } from './error-message';
import { ALLOW, handleStatusRequest } from './handler';
import { optOutReason } from './opt-out';
import { resolveOptions, type ServerReporterOptions } from './options';
import { createDefaultFetch } from './proxy-fetch';
import { type NextTry, nextTry, reportDue } from './schedule';
import { postReport } from './send';
import type { ReportResult, ServerReporter, ServerReporterStatus } from './types';
import { unref } from './unref';

// setTimeout fires almost at once for delays past 2^31-1 ms (~24.8 days) in Node and browsers; sleep at most that long and
// ask the schedule again.
const MAX_TIMER_MS = 2 ** 31 - 1;

const PREFIX = 'consent-relay/server:';

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
  const tokens = createAckTokens(o.now);

  const write = (level: 'info' | 'error', message: string): void => {
    try {
      o.log[level](message);
    } catch {
      // A broken logger must not turn a report into an exception in the host.
    }
  };
  const fetchFn =
    o.fetch ?? createDefaultFetch(o.env, { info: (m) => write('info', m), error: (m) => write('error', m) });
  const disabledBy = () => optOutReason(o.enabled, o.optOutEnv, o.env());

  // What status() shows.
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

  let startedAt = 0;
  // Bumped by start() and stop(), so a tick that was mid-report when the schedule changed does not re-arm itself.
  let run = 0;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<ReportResult> | null = null;

  const counted = (at: number): void => {
    countedAt = latest(countedAt, at);
    unverifiedCredit = true;
    retryAt = null;
    failures = 0;
  };

  const acknowledge = (at: number, verified: boolean): void => {
    lastReportedAt = latest(lastReportedAt, at);
    if (verified) {
      counted(at);
    } else if (unverifiedCredit) {
      unverifiedCredit = false;
      countedAt = latest(countedAt, at);
    }
  };

  /** Records a failure and says when the next try comes. */
  const failed = (at: number, retryable: boolean, retryAfterMs: number | null): NextTry => {
    failures++;
    const next = nextTry({ at, failures, retryable, retryAfterMs, intervalMs: o.intervalMs });
    retryAt = next.at;
    return next;
  };

  const when = (at: number, next: NextTry): string =>
    next.why === 'next-period'
      ? `not retried (the answer will not change by itself); next report in ${roughDuration(next.at - at)}`
      : next.why === 'retry-after'
        ? `next try in ${roughDuration(next.at - at)}, as the endpoint's Retry-After asked`
        : `next try in ${roughDuration(next.at - at)}`;

  const attempt = async (): Promise<ReportResult> => {
    if (disabledBy()) return { ok: false, skipped: 'disabled' };
    const collected = await collectPayload(o.collect, o.timeoutMs);
    const at = o.now();
    if (!collected.ok) {
      // The host's own bug, not a network that fails: `ok` stays as it was, so browsers do not take over for it.
      const next = failed(at, true, null);
      write('error', `${PREFIX} usage report could not be built: ${collected.error}; nothing sent, ${when(at, next)}`);
      return { ok: false, error: collected.error };
    }
    payload = collected.payload;
    const envelope: ServerReportEnvelope = {
      schema: 1,
      source: 'server',
      sentAt: new Date(at).toISOString(),
      server: payload,
    };
    const body = JSON.stringify(envelope);
    if (o.strategy === 'logging') {
      counted(at);
      write('info', `${PREFIX} usage report (logging strategy: not sent): ${body}`);
      return { ok: true, skipped: 'logging' };
    }
    // One key per period: a retry the endpoint already stored (the answer was lost) is recognised, not counted
    // twice. The instance part keeps two installs reporting in the same period apart.
    const key = `server-${instanceKey}-${Math.floor(at / o.intervalMs)}`;
    const [sent, attempted] = await Promise.all([
      postReport(fetchFn, o.endpoint, body, key, o.timeoutMs, o.now),
      describeBody(body),
    ]);
    lastAttemptAt = at;
    if (!sent.ok) {
      ok = false;
      const next = failed(at, sent.retryable, sent.retryAfterMs);
      write(
        'error',
        `${PREFIX} usage report to ${where} failed: ${sent.error} (attempted ${attempted}); ${when(at, next)}`,
      );
      return sent.status === undefined
        ? { ok: false, error: sent.error }
        : { ok: false, status: sent.status, error: sent.error };
    }
    ok = true;
    lastReportedAt = latest(lastReportedAt, at);
    counted(at);
    write('info', `${PREFIX} usage report sent to ${where} (HTTP ${sent.status}): ${attempted}`);
    return { ok: true, status: sent.status };
  };

  const reportNow = (): Promise<ReportResult> => {
    inFlight ??= attempt()
      .catch((err: unknown): ReportResult => {
        write('error', `${PREFIX} usage report failed unexpectedly: ${errorMessage(err)}`);
        return { ok: false, error: `unexpected error: ${errorMessage(err)}` };
      })
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
      lastReportedAt: countedAt,
      retryAt,
      intervalMs: o.intervalMs,
      initialDelayMs: o.initialDelayMs,
    });

  const tick = async (id: number): Promise<void> => {
    if (id !== run) return;
    // Turned off after start (a test, a host changing its environment): look again an interval later.
    if (disabledBy()) {
      arm(id, o.intervalMs);
      return;
    }
    let decision = decide();
    if (decision.due) {
      await reportNow();
      if (id !== run) return;
      decision = decide();
    }
    arm(id, decision.due ? o.intervalMs : decision.waitMs);
  };

  const status = (): ServerReporterStatus => {
    const base = { ok, lastReportedAt: iso(lastReportedAt), lastAttemptAt: iso(lastAttemptAt) };
    // An operator's opt-out holds everywhere: `disabled` tells browsers not to take over either (docs/SPEC.md §7).
    return disabledBy() ? { ...base, ok: true, disabled: true, payload: null } : { ...base, payload };
  };

  const access = {
    status,
    acknowledge,
    ackToken: () => tokens.issue(),
    verifyAckToken: (token: unknown) => tokens.verify(token),
    now: o.now,
  };

  return {
    start() {
      if (started) return;
      started = true;
      startedAt = o.now();
      const off = disabledBy();
      write('info', disclosureText({ ...o, disabledBy: off }));
      if (off) return;
      arm(++run, o.initialDelayMs);
    },
    stop() {
      started = false;
      run++;
      clearTimeout(timer);
    },
    reportNow,
    status,
    handle: (request) => handleStatusRequest(request, access),
    allow: ALLOW,
  };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
