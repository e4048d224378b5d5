import { backoffDelay } from '../protocol/backoff';
import { randomId } from '../lib/random-id';
import type { KeyValueStore } from '../storage/idb';
import type { Counters, UiCounts } from './counters';
import { decideReport, type Decision, type SendReason } from './decision';
import { exclusive, LEASE_MS } from './lock';
import type { TelemetryOptions } from './options';
import { fetchServerStatus, type ServerStatus } from './server-status';
import { postJson } from './transport';
import { LOG_KEY, LOG_MAX, OUTBOX_KEY, purgeStored, STATE_KEY, type LogEntry, type TelemetryReport } from './types';

export type { LogEntry, LogStatus, TelemetryReport } from './types';
export { LOG_KEY, LOG_MAX, OUTBOX_KEY, STATE_KEY } from './types';

interface TmState {
  instanceId?: string;
  firstSeen?: number;
  lastReportAt?: number;
  counts?: UiCounts;
}

interface OutboxItem {
  key: string;
  body: string;
  report: TelemetryReport;
  attempts: number;
  nextAt: number;
}

/** How many of the newest log entries keep their full report; older ones keep the line (when, what, why, size). */
export const LOG_FULL = 10;
/** A firewalled install could queue one report a day for months: keep the newest few, say so for the rest. */
export const OUTBOX_MAX = 5;
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 3_600_000;
const MIN_CHECK_GAP_MS = 1000;

export interface ReporterDeps {
  options: TelemetryOptions;
  kv: KeyValueStore;
  fetch: typeof fetch;
  now: () => number;
  locks: LockManager | undefined;
  counters: Counters;
  /** is the telemetry category allowed right now (re-read before every send: withdrawal wins) */
  consent: () => boolean;
  signals: () => { dnt: boolean; gpc: boolean };
  onLog: (e: LogEntry) => void;
  onError: (msg: string) => void;
}

export interface Reporter {
  /** Decide, build, queue and deliver if everything allows it; resolves with the decision. */
  check(): Promise<Decision>;
  serverReportFailed(payload?: unknown): Promise<Decision>;
  preview(): Promise<{ report: TelemetryReport | null; reason: SendReason }>;
  /** Telemetry consent withdrawn: queued reports, the instance id and stored counts go at once. */
  purge(): Promise<void>;
  /** save counted usage (pagehide) */
  save(): Promise<void>;
  stop(): void;
}

export function createReporter(d: ReporterDeps): Reporter {
  const o = d.options;
  const owner = randomId();
  let serverFailed: { payload: object | null } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const log = async (e: LogEntry) => {
    // Bounded in count and in bytes: only the newest entries keep their full report (up to maxPayloadBytes each).
    await d.kv.update<LogEntry[]>(LOG_KEY, (old) =>
      [...(Array.isArray(old) ? old : []), e]
        .slice(-LOG_MAX)
        .map((x, i, all) => (i < all.length - LOG_FULL && x.report ? { ...x, report: undefined } : x)),
    );
    d.onLog(e);
  };
  const readState = async () => ((await d.kv.get<TmState>(STATE_KEY)) || {}) as TmState;

  /** Fold this page's counts into the stored ones (each tab adds its own; nothing is counted twice). */
  const save = async () => {
    if (!d.consent() || !d.counters.dirty) return;
    const mine = d.counters.snapshot();
    d.counters.clear();
    const ok = await d.kv.update<TmState>(STATE_KEY, (s) => ({ ...(s || {}), counts: mergeCounts(s?.counts, mine) }));
    // Not stored (IndexedDB unavailable): keep counting in memory rather than lose them.
    if (!ok) d.counters.merge(mine);
  };

  const serverView = async (): Promise<ServerStatus | null> => {
    if (o.sendUsageFrom === 'browser' || !o.serverStatusUrl) return null;
    return fetchServerStatus(d.fetch, o.serverStatusUrl, d.onError);
  };

  const decide = (st: TmState, server: ServerStatus | null) =>
    decideReport({
      enabled: o.enabled,
      endpoint: o.endpoint,
      consent: d.consent(),
      honorDoNotTrack: o.honorDoNotTrack,
      ...d.signals(),
      strategy: o.strategy,
      sendUsageFrom: o.sendUsageFrom,
      server,
      serverFailed: !!serverFailed || (!!server && !server.ok),
      now: d.now(),
      firstSeen: st.firstSeen ?? null,
      initialDelayMs: o.initialDelayMs,
      intervalMs: o.intervalMs,
      lastReportAt: st.lastReportAt ?? null,
    });

  const build = (st: TmState, counts: UiCounts | undefined, server: ServerStatus | null): TelemetryReport => ({
    schema: 1,
    instanceId: st.instanceId || '',
    sentAt: new Date(d.now()).toISOString(),
    source: 'browser',
    server: serverFailed?.payload || server?.payload || null,
    ui: { counts: { ...counts?.counts }, pageViews: { ...counts?.pageViews } },
  });

  /**
   * End the period and take its counts: this page's (taken from memory now) and those other tabs saved, in the same
   * write that records the period's end. A count made before this moment is in this report; one made after it (or
   * saved by another tab after it) goes into the next; none is in two. Reading the counts earlier in the check and
   * clearing them at the end left a window (the server-status request, the lock) in which a count was made or saved
   * and then either missed this report or was wiped with it.
   */
  const closePeriod = async (st: TmState): Promise<UiCounts> => {
    const mine = d.counters.snapshot();
    d.counters.clear();
    let taken: UiCounts | undefined;
    const ok = await d.kv.update<TmState>(STATE_KEY, (s) => {
      taken = mergeCounts(s?.counts, mine);
      return { ...(s || {}), lastReportAt: d.now(), counts: undefined };
    });
    // Not stored (IndexedDB failing): nothing can be queued either; the report still says what was counted.
    return ok && taken ? taken : mergeCounts(st.counts, mine);
  };

  const schedule = (at: number | undefined) => {
    clearTimeout(timer);
    if (stopped || at === undefined) return;
    // setTimeout fires at once past 2^31-1 ms; a later check re-schedules. At least a second apart, whatever the
    // interval: a tiny intervalMs must not turn the timer into a busy loop of reports.
    timer = setTimeout(() => void check(), Math.min(Math.max(MIN_CHECK_GAP_MS, at - d.now() + 50), 2 ** 31 - 1));
  };

  const withdrawn = () => !d.consent() || (o.honorDoNotTrack && (d.signals().dnt || d.signals().gpc));

  /** Send what is due in the outbox; resolves with when the next queued item is due (undefined: nothing waits). */
  const deliver = async (): Promise<number | undefined> => {
    // Withdrawn while this check ran (its state write may have put an instance id back): purge again.
    if (withdrawn()) return void (await purge());
    const box = (await d.kv.get<OutboxItem[]>(OUTBOX_KEY)) || [];
    let next: number | undefined;
    for (const item of box) {
      if (item.nextAt > d.now()) {
        next = Math.min(next ?? Infinity, item.nextAt);
        continue;
      }
      // Dequeued, not yet sent: the visitor may have withdrawn in the meantime (another tab, a click just now).
      if (withdrawn()) return void (await purge());
      const r = await postJson(d.fetch, o.endpoint!, item.body, { 'idempotency-key': item.key }, d.now);
      // The time of the answer: the log says when it came, and Retry-After counts from it.
      const t = d.now();
      const attempt = item.attempts + 1;
      // Withdrawn while the request was in flight: purge() already ran; writing the item back would resurrect it.
      if (withdrawn()) return void (await purge());
      if (r.ok) {
        await d.kv.update<OutboxItem[]>(OUTBOX_KEY, (b) => (b || []).filter((x) => x.key !== item.key));
        await log({
          at: new Date(t).toISOString(),
          status: 'sent',
          reason: 'send',
          bytes: byteLength(item.body),
          report: item.report,
          httpStatus: r.status,
          attempt,
        });
        serverFailed = null;
        if (o.serverStatusUrl) {
          // Tell the server this period is reported, so it does not send it again once it can reach out.
          const ack = await postJson(
            d.fetch,
            o.serverStatusUrl,
            JSON.stringify({ reportedAt: item.report.sentAt }),
            {},
            d.now,
            'same-origin',
          );
          if (!ack.ok) d.onError(`telemetry: the server did not accept { reportedAt } (${ack.error})`);
        }
      } else if (r.status && r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        // A 4xx other than time-out or rate limit will not change on retry (a 400, 413, 401): drop it, say so.
        await d.kv.update<OutboxItem[]>(OUTBOX_KEY, (b) => (b || []).filter((x) => x.key !== item.key));
        d.onError(`telemetry endpoint refused the report (HTTP ${r.status}); it is not retried`);
        await log({
          at: new Date(t).toISOString(),
          status: 'refused',
          reason: 'http',
          bytes: byteLength(item.body),
          httpStatus: r.status,
          error: r.error,
          attempt,
        });
      } else {
        const wait = r.retryAfterMs ?? backoffDelay(attempt - 1, RETRY_BASE_MS, RETRY_MAX_MS);
        const nextAt = t + Math.min(wait, RETRY_MAX_MS * 24);
        await d.kv.update<OutboxItem[]>(OUTBOX_KEY, (b) =>
          (b || []).map((x) => (x.key === item.key ? { ...x, attempts: attempt, nextAt } : x)),
        );
        await log({
          at: new Date(t).toISOString(),
          status: 'failed',
          reason: r.status ? 'http' : 'network',
          bytes: byteLength(item.body),
          httpStatus: r.status,
          error: r.error,
          attempt,
        });
        next = Math.min(next ?? Infinity, nextAt);
      }
    }
    return next;
  };

  const check = (): Promise<Decision> =>
    exclusive(d.locks, d.kv, owner, d.now, async () => {
      await save();
      const st = await readState();
      let server: ServerStatus | null = null;
      let decision = decide(st, null);
      // Ask the server only when it matters: everything else allows a report, and the server is the one to send.
      if (decision.reason === 'server_ok' && o.serverStatusUrl) {
        server = await serverView();
        decision = decide(st, server);
      }
      // Data without consent means a withdrawal whose purge did not finish (the tab closed first): finish it now.
      if (decision.reason === 'no_consent' && (st.instanceId || (await d.kv.get(OUTBOX_KEY)))) await purge();
      if (
        decision.reason === 'no_consent' ||
        decision.reason === 'dnt' ||
        decision.reason === 'gpc' ||
        decision.reason === 'disabled'
      ) {
        return decision;
      }
      // The server reports for itself: look again within the hour (it may fail later, or the period may pass).
      if (decision.reason === 'server_ok')
        decision = { ...decision, dueAt: d.now() + Math.min(o.intervalMs, 3_600_000) };
      if (st.firstSeen === undefined || !st.instanceId) {
        // First seen with consent: the initial delay starts now (EventStoreDB: short-lived visits send nothing).
        const fresh = { ...st, firstSeen: st.firstSeen ?? d.now(), instanceId: st.instanceId || randomId() };
        await d.kv.update<TmState>(STATE_KEY, (s) => ({
          ...(s || {}),
          firstSeen: fresh.firstSeen,
          instanceId: fresh.instanceId,
        }));
        Object.assign(st, fresh);
        const again = decide(st, server);
        decision = again.reason === 'server_ok' ? { ...again, dueAt: decision.dueAt } : again;
      }
      if (decision.build) {
        // Taking over after serverReportFailed() (the server was not asked above): its status may carry the payload.
        if (!server) server = await serverView();
        const report = build(st, await closePeriod(st), server);
        const body = JSON.stringify(report);
        const bytes = byteLength(body);
        const at = report.sentAt;
        if (bytes > o.maxPayloadBytes) {
          d.onError(
            `telemetry report is ${bytes} bytes, over maxPayloadBytes (${o.maxPayloadBytes}); refused, not truncated`,
          );
          await log({ at, status: 'refused', reason: 'too_large', bytes });
        } else if (decision.reason === 'logging') {
          await log({ at, status: 'logged', reason: 'logging', bytes, report });
        } else {
          const period = Math.floor((d.now() - st.firstSeen! - o.initialDelayMs) / o.intervalMs);
          const item: OutboxItem = { key: `${st.instanceId}-${period}`, body, report, attempts: 0, nextAt: 0 };
          let dropped = 0;
          await d.kv.update<OutboxItem[]>(OUTBOX_KEY, (b) => {
            const list = [...(b || []).filter((x) => x.key !== item.key), item];
            dropped = Math.max(0, list.length - OUTBOX_MAX);
            return list.slice(-OUTBOX_MAX);
          });
          if (dropped) d.onError(`telemetry outbox full: the ${dropped} oldest unsent report(s) were dropped`);
        }
        // The period is done (closePeriod; sent, queued, logged or refused): its counts leave with it or are dropped.
        decision = { ...decision, dueAt: d.now() + o.intervalMs };
      }
      // One timer for both: the next period and a queued retry (whichever comes first).
      const retryAt = await deliver();
      schedule(
        retryAt === undefined || (decision.dueAt !== undefined && decision.dueAt < retryAt) ? decision.dueAt : retryAt,
      );
      return decision;
    }).then(
      (r) => {
        if (r) return r;
        // The IndexedDB lease is another tab's (no Web Locks): that tab reports now. Look again later, or this tab
        // would never report once the other one closes.
        const dueAt = d.now() + Math.min(o.intervalMs, LEASE_MS);
        schedule(dueAt);
        return { reason: 'not_due' as const, build: false, dueAt };
      },
      // Never into the page: an unexpected failure is an error and "not sent", never "lost" (the outbox stays).
      (e: unknown): Decision => {
        d.onError(`telemetry check failed: ${(e as Error)?.message || e}`);
        return { reason: 'not_due', build: false };
      },
    );

  const purge = () => purgeStored(d.kv, d.counters);

  return {
    check,
    serverReportFailed(payload) {
      let copy: object | null = null;
      if (payload !== undefined) {
        try {
          // A JSON copy now: what is sent is what the host passed, not what its object became later; and a payload
          // that cannot be JSON (a cycle, a BigInt) is refused here rather than thrown from the send.
          if (payload !== null && typeof payload === 'object' && !Array.isArray(payload))
            copy = JSON.parse(JSON.stringify(payload));
        } catch {
          /* reported below */
        }
        if (!copy)
          d.onError('telemetry.serverReportFailed(payload): payload must be a JSON object; sending without it');
      }
      serverFailed = { payload: copy };
      return check();
    },
    async preview() {
      await save();
      const st = await readState();
      let decision = decide(st, null);
      let server: ServerStatus | null = null;
      // Only what can still be sent (now, later, or when the server fails): under DNT/GPC or without consent, nothing.
      const never = ['disabled', 'no_endpoint', 'no_consent', 'dnt', 'gpc'].includes(decision.reason);
      // The server's payload rides in the browser's report: ask for it whenever one may still be sent, not due yet
      // included, so the preview is the exact next payload.
      if (!never) {
        server = await serverView();
        if (decision.reason === 'server_ok') decision = decide(st, server);
      }
      const report = build(st, mergeCounts(st.counts, d.counters.snapshot()), server);
      return { report: never ? null : report, reason: decision.reason };
    },
    purge,
    save,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function mergeCounts(a: UiCounts | undefined, b: UiCounts): UiCounts {
  const out: UiCounts = { counts: { ...a?.counts }, pageViews: { ...a?.pageViews } };
  for (const [k, v] of Object.entries(b.counts)) out.counts[k] = (out.counts[k] || 0) + v;
  for (const [k, v] of Object.entries(b.pageViews)) out.pageViews[k] = (out.pageViews[k] || 0) + v;
  return out;
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;
