import { displayEndpoint } from '../src/protocol/endpoint';
import { createAckTokens, createSharedAckTokens } from './ack-token';
import { createAttempt, PREFIX } from './attempt';
import { disclosureText } from './disclosure';
import { errorMessage } from './error-message';
import { ALLOW, type HandlerAccess, handleStatusRequest } from './handler';
import { optOutReason } from './opt-out';
import { resolveOptions, type ServerReporterOptions } from './options';
import { createDefaultFetch } from './proxy-fetch';
import { createReportLoop } from './report-loop';
import { createReportState } from './report-state';
import { type SharedStatus, sharedReporterState } from './store/reporter-state';
import type { ReportResult, ServerReporter, ServerReporterStatus } from './types';
import { webCrypto } from './web-crypto';

/**
 * The server's own usage reporter and the status endpoint the browser fallback reads (docs/SPEC.md §7).
 * Checks the options at once and throws a `TypeError` naming a bad one; after that nothing it does throws into
 * the host. Nothing happens until `start()` or `reportNow()`. Its parts: the state (server/report-state.ts), one
 * report (server/attempt.ts), the schedule's timer (server/report-loop.ts), the status endpoint (server/handler.ts).
 * What is left here is their wiring and the store's part of the status endpoint (a little past the house limit:
 * splitting it further would pass the same closures around).
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
  // With a store, the state every replica shares (docs/SPEC.md §7). A claim on a period outlives a report attempt
  // (collect and POST, each within timeoutMs); a claim older than that belonged to a process that died mid-report.
  const shared = o.store ? sharedReporterState(o.store.db, where, instanceKey) : null;
  const leaseMs = 3 * o.timeoutMs;
  const state = createReportState(o);
  // With a store, tokens every replica accepts; its own process's tokens when the store cannot give the secret.
  const sharedTokens = shared && createSharedAckTokens(o.now, () => shared.ackSecret());

  const write = (level: 'info' | 'error', message: string): void => {
    try {
      o.log[level](message);
    } catch {
      // A broken logger must not turn a report into an exception in the host.
    }
  };
  const disabledBy = () => optOutReason(o.enabled, o.optOutEnv, o.env());
  /** A store call that fails is logged and answered with `fallback`: the store never throws into the host either. */
  const storeCall = <T>(call: () => Promise<T>, fallback: T): Promise<T> =>
    call().catch((err: unknown) => {
      write('error', `${PREFIX} the shared reporter state in the store failed: ${errorMessage(err)}`);
      return fallback;
    });
  /** What other replicas (and browsers through them) recorded, into this process's view. */
  const pull = async (): Promise<SharedStatus | null> => {
    const s = shared && (await storeCall(() => shared.read(), null));
    if (s) state.pulled(s);
    return s;
  };

  const attempt = createAttempt({
    options: o,
    state,
    fetch: o.fetch ?? createDefaultFetch(o.env, { info: (m) => write('info', m), error: (m) => write('error', m) }),
    where,
    installKey: async () => (shared ? shared.installKey() : instanceKey),
    disabledBy,
    write,
  });
  let inFlight: Promise<ReportResult> | null = null;
  const reportNow = (): Promise<ReportResult> =>
    (inFlight ??= attempt()
      .catch((err: unknown): ReportResult => {
        write('error', `${PREFIX} usage report failed unexpectedly: ${errorMessage(err)}`);
        return { ok: false, error: `unexpected error: ${errorMessage(err)}` };
      })
      .finally(() => {
        inFlight = null;
      }));
  /**
   * One report, its outcome written to the store for every replica: the schedule's, and `reportNow()` called by the
   * host (a cron job where timers do not run, an operator's "send now"), so another replica's status endpoint tells
   * browsers the period is reported (docs/SPEC.md §7).
   */
  const reportAndShare = async (period: number): Promise<ReportResult> => {
    const attemptBefore = state.lastAttemptAt;
    const result = await reportNow();
    if (!shared || result.skipped === 'disabled') return result;
    const now = o.now();
    await storeCall(
      () =>
        result.ok
          ? shared.reported(period, state.lastReportedAt ?? now, state.payload)
          : shared.failed(
              period,
              state.lastAttemptAt ?? now,
              Math.max(0, (state.retryAt ?? now) - now),
              leaseMs,
              // collect() failing sends nothing: `ok` stays as it was (server/attempt.ts)
              state.lastAttemptAt !== attemptBefore,
            ),
      undefined,
    );
    return result;
  };
  const loop = createReportLoop({
    options: o,
    state,
    reportNow: reportAndShare,
    disabledBy,
    shared: shared && { state: shared, leaseMs },
    pull,
    storeCall,
  });

  // An operator's opt-out holds everywhere: `disabled` tells browsers not to take over either (docs/SPEC.md §7).
  const disabled = (own: ServerReporterStatus): ServerReporterStatus | null =>
    disabledBy() ? { ...own, ok: true, disabled: true, payload: null } : null;
  const status = (): ServerReporterStatus => disabled(state.status()) ?? state.status();
  const access: HandlerAccess = {
    status,
    acknowledge: state.acknowledge,
    ackToken: () => tokens.issue(),
    verifyAckToken: (token: unknown) => tokens.verify(token),
    now: o.now,
  };
  let started = false;

  return {
    start() {
      if (started) return;
      started = true;
      const off = disabledBy();
      write('info', disclosureText({ ...o, disabledBy: off }));
      if (!off) loop.start();
    },
    stop() {
      started = false;
      loop.stop();
    },
    reportNow: () => reportAndShare(Math.floor(o.now() / o.intervalMs)),
    status,
    async handle(request) {
      // Node 18: its Web Crypto loaded before the first acknowledgement token is made (server/web-crypto.ts).
      await webCrypto().catch(() => {});
      if (!shared) return handleStatusRequest(request, access);
      // With a store, the endpoint serves and records the shared state: any replica answers for all.
      const s = await pull();
      const common = sharedTokens && (await sharedTokens.prepare()) ? sharedTokens : null;
      let counted: number | null = null;
      const response = await handleStatusRequest(request, {
        ...access,
        ackToken: () => (common ? common.issue() : tokens.issue()),
        verifyAckToken: (token) => tokens.verify(token) || !!common?.verify(token),
        status: () => (s ? (disabled(state.status()) ?? state.statusWith(s)) : status()),
        acknowledge: (at, verified) => {
          const before = state.countedAt;
          state.acknowledge(at, verified);
          if (state.countedAt !== before) counted = at;
        },
      });
      if (counted !== null) await storeCall(() => shared.acknowledged(counted!), undefined);
      return response;
    },
    allow: ALLOW,
  };
}
