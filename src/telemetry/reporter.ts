import { randomId } from '../lib/random-id';
import type { KeyValueStore } from '../storage/idb';
import type { Counters } from './counters';
import { type Decision, isDue, type SendReason, whyNeverSend } from './decision';
import { createDelivery } from './deliver';
import { disclosureWhenSending } from './disclosure';
import { exclusive } from './lock';
import { appendLog } from './log';
import type { TelemetryOptions } from './options';
import { createOutbox } from './outbox';
import { dueAfter, earliest, timerDelay } from './schedule';
import { buildReport, recordReport } from './report';
import { createServerLink, type ServerStatus } from './server-status';
import { createUsageState, mergeStoredCounts, type UsageState } from './state';
import { postJson } from './transport';
import { type LogEntry, purgeStored, type TelemetryReport } from './types';

export type { LogEntry, LogStatus, TelemetryReport } from './types';
export { LOG_KEY, LOG_MAX, OUTBOX_KEY, STATE_KEY } from './types';
export { LOG_FULL } from './log';
export { OUTBOX_MAX } from './outbox';

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
  /** the disclosure at start when the browser may send (docs/SPEC.md §5; the core says the other cases) */
  disclosure(): string;
  /** Telemetry consent withdrawn: queued reports, the instance id and stored counts go at once. */
  purge(): Promise<void>;
  /** save counted usage (pagehide) */
  save(): Promise<void>;
  stop(): void;
}

/**
 * The reporter (the file fetched once telemetry may run): the usage state (src/telemetry/state.ts), the outbox and
 * its delivery (outbox.ts, deliver.ts), the schedule (schedule.ts), the report (report.ts) and the server's status
 * (server-status.ts), wired here. Longer than the house limit because check() and preview() share this state (the
 * server link, a reported server failure, the timer): each piece is a few lines, and splitting further would only
 * pass the same closures around.
 */
export function createReporter(d: ReporterDeps): Reporter {
  const o = d.options;
  const owner = randomId();
  const state = createUsageState(d.kv, d.counters, d.consent, d.now, d.onError);
  const outbox = createOutbox(d.kv);
  const server = createServerLink(d.fetch, o, d.now, d.onError);
  let serverFailed: { payload: object | null } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const log = async (e: LogEntry) => {
    await appendLog(d.kv, e);
    d.onLog(e);
  };
  const purge = () => purgeStored(d.kv, d.counters);
  const never = () => whyNeverSend({ ...o, ...d.signals(), consent: d.consent() });
  const due = (st: UsageState, status: ServerStatus | null) =>
    isDue({
      ...o,
      server: status,
      serverFailed: !!serverFailed || (!!status && !status.ok),
      now: d.now(),
      firstSeen: st.firstSeen ?? null,
      lastReportAt: st.lastReportAt ?? null,
    });
  const build = (st: UsageState, counts: UsageState['counts'], status: ServerStatus | null) =>
    buildReport(st, counts, serverFailed?.payload || status?.payload || null, d.now());
  const deliver = createDelivery({
    outbox,
    post: (item) => postJson(d.fetch, o.endpoint!, item.body, { 'idempotency-key': item.key }, d.now),
    now: d.now,
    withdrawn: () => never() !== null,
    purge,
    log,
    onError: d.onError,
    onSent(item) {
      serverFailed = null;
      return server.acknowledge(item.report.sentAt);
    },
  });
  const schedule = (at: number | undefined) => {
    clearTimeout(timer);
    if (!stopped && at !== undefined) timer = setTimeout(() => void check(), timerDelay(at, d.now()));
  };

  const checkHoldingLock = async (): Promise<Decision> => {
    await state.save();
    let st = await state.read();
    const blocked = never();
    if (blocked) {
      // Data without consent means a withdrawal whose purge did not finish (the tab closed first): finish it now.
      if (blocked === 'no_consent' && (st.instanceId || (await outbox.stored()))) await purge();
      return { reason: blocked, build: false };
    }
    if (st.firstSeen === undefined || !st.instanceId) st = await state.begin(st);
    let status: ServerStatus | null = null;
    let decision = due(st, null);
    // Ask the server only when it matters: everything else allows a report, and the server is the one to send.
    if (decision.reason === 'server_ok' && o.serverStatusUrl) decision = due(st, (status = await server.status()));
    if (decision.build) {
      // Taking over after serverReportFailed() (the server was not asked above): its status may carry the payload,
      // or say that the operator turned reporting off (then nothing is built).
      status ||= await server.status();
      if (status?.disabled) decision = due(st, status);
    }
    if (decision.build) {
      const report = build(st, await state.closePeriod(st), status);
      await recordReport({ options: o, outbox, now: d.now, log, onError: d.onError }, st, decision, report);
    }
    const dueAt = dueAfter(decision, d.now(), o.intervalMs);
    // One timer for both: the next period and a queued retry (whichever comes first).
    schedule(earliest(dueAt, await deliver()));
    return { ...decision, dueAt };
  };

  const check = (): Promise<Decision> =>
    exclusive(d.locks, d.kv, owner, d.now, checkHoldingLock).then(
      (decision) => {
        if (decision) return decision;
        // The IndexedDB lease is another tab's (no Web Locks): that tab reports now.
        const dueAt = dueAfter('lease_held', d.now(), o.intervalMs);
        schedule(dueAt);
        return { reason: 'not_due' as const, build: false, dueAt };
      },
      // Never into the page: an unexpected failure is an error and "not sent", never "lost" (the outbox stays).
      (e: unknown): Decision => {
        d.onError(`telemetry check failed: ${(e as Error)?.message || e}`);
        return { reason: 'not_due', build: false };
      },
    );

  const preview = async (): Promise<{ report: TelemetryReport | null; reason: SendReason }> => {
    await state.save();
    const st = await state.read();
    // Only what can still be sent (now, later, or when the server fails): under DNT/GPC or without consent, nothing.
    const blocked = never();
    if (blocked) return { report: null, reason: blocked };
    // The server's payload rides in the browser's report: ask for it whenever one may still be sent, not due yet
    // included, so the preview is the exact next payload.
    const status = await server.status();
    const reason = due(st, status).reason;
    return {
      // The operator turned reporting off: no report will ever be built from this one.
      report: reason === 'disabled' ? null : build(st, mergeStoredCounts(st.counts, d.counters.snapshot()), status),
      reason,
    };
  };

  return {
    check,
    serverReportFailed(payload) {
      serverFailed = { payload: jsonCopy(payload, d.onError) };
      return check();
    },
    preview,
    disclosure: () => disclosureWhenSending(o),
    purge,
    save: state.save,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * A JSON copy of the host's payload now: what is sent is what the host passed, not what its object became later;
 * and a payload that cannot be JSON (a cycle, a BigInt) is refused here rather than thrown from the send.
 */
function jsonCopy(payload: unknown, onError: (msg: string) => void): object | null {
  if (payload === undefined) return null;
  let copy: object | null = null;
  try {
    if (payload !== null && typeof payload === 'object' && !Array.isArray(payload))
      copy = JSON.parse(JSON.stringify(payload));
  } catch {
    /* reported below */
  }
  if (!copy) onError('telemetry.serverReportFailed(payload): payload must be a JSON object; sending without it');
  return copy;
}
