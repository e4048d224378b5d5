import { logError, logInfo } from '../lib/log';
import type { KeyValueStore } from '../storage/idb';
import { createCounters } from './counters';
import { decideReport, type Decision, type SendReason } from './decision';
import type { TelemetryOptions } from './options';
import type { Reporter } from './reporter';
import { LOG_KEY, purgeStored, readLog, type LogEntry, type TelemetryReport } from './types';

/**
 * Loads the reporter (the outbox, transport, lock and server-status code): a module inside the drop-in, a lazy chunk
 * for bundler users. Reached only once telemetry may run, so none of it runs for a visitor who has not consented.
 */
export type LoadReporter = () => Promise<typeof import('./reporter')>;

export type { LogEntry, TelemetryReport, SendReason };

/** `ConsentRelay.telemetry` (docs/SPEC.md §5). Present even without `config.telemetry`: then it counts nothing and sends nothing. */
export interface TelemetryApi {
  /** Count a UI event (aggregated). Cheap enough for a hot loop. */
  count(name: string, n?: number): void;
  /** The host's server call to the telemetry endpoint failed: the browser may take over (optionally with its payload). */
  serverReportFailed(payload?: object): Promise<Decision>;
  /** Send now if everything allows it; resolves with the decision and its reason. */
  flush(): Promise<Decision>;
  /** The exact next payload, or null when nothing would be built (no consent, disabled, no endpoint). */
  preview(): Promise<TelemetryReport | null>;
  /** Why the next report would or would not be sent. */
  status(): Promise<{ reason: SendReason; configured: boolean }>;
  /** The transmission log, oldest first (bounded). */
  getLog(): Promise<LogEntry[]>;
}

export interface TelemetryController {
  api: TelemetryApi;
  options: TelemetryOptions | null;
  /** after `ready`: disclosure, first check, listeners */
  start(): void;
  /** the consent changed (or was reset) */
  consentChanged(allowed: boolean): void;
  wipe(): Promise<void>;
  stop(): void;
  /** what the preferences panel shows: why, the exact next payload, the log */
  inspect(): Promise<{
    fromBrowser: boolean;
    reason: SendReason;
    preview: TelemetryReport | null;
    log: LogEntry[];
  } | null>;
}

export interface TelemetryDeps {
  /** `config.telemetry` as the config stage validated it (its errors already reported there), or null */
  parsed: { options: TelemetryOptions; errors: string[] } | null;
  kv: KeyValueStore;
  fetch: typeof fetch;
  now: () => number;
  doc: Document;
  win: Window;
  locks: LockManager | undefined;
  consent: () => boolean;
  /** the visitor has answered (an opt-in visitor who has not is not "opted out") */
  decided: () => boolean;
  signals: () => { dnt: boolean; gpc: boolean };
  onLog: (e: LogEntry) => void;
  loadReporter?: LoadReporter;
}

export function createTelemetry(d: TelemetryDeps): TelemetryController {
  const parsed = d.parsed;
  // No endpoint: the reporter is off. A config error keeps it on but disabled, so the disclosure says so.
  const o = parsed && (parsed.options.endpoint || parsed.errors.length) ? parsed.options : null;
  const counters = createCounters(logError);
  let reporterP: Promise<Reporter | null> | null = null;
  const reporter = () =>
    (reporterP ||= (d.loadReporter ? d.loadReporter() : Promise.reject(new Error('no loader'))).then(
      (m) =>
        m.createReporter({
          options: o!,
          kv: d.kv,
          fetch: d.fetch,
          now: d.now,
          locks: d.locks,
          counters,
          consent: d.consent,
          signals: d.signals,
          onLog: d.onLog,
          onError: logError,
        }),
      (e) => {
        logError(`the telemetry code could not be loaded (${(e as Error)?.message}); nothing is sent`);
        reporterP = null;
        return null;
      },
    ));
  /**
   * The checks that need no reporter (the same pure decision, with the schedule and server left out): while one of
   * them says no, the reporter code is not even loaded.
   */
  const early = (): Decision | null => {
    if (!o) return { reason: 'no_endpoint', build: false };
    const dec = decideReport({
      ...o,
      ...d.signals(),
      consent: d.consent(),
      now: 0,
      firstSeen: 0,
      initialDelayMs: 0,
      lastReportAt: null,
      sendUsageFrom: 'browser',
      server: null,
      serverFailed: true,
    });
    return dec.build ? null : dec;
  };
  const viaReporter = <T>(blocked: (dec: Decision) => T, fn: (r: Reporter) => Promise<T>): Promise<T> => {
    const dec = early();
    return dec
      ? Promise.resolve(blocked(dec))
      : reporter().then((r) => (r ? fn(r) : blocked({ reason: 'disabled', build: false })));
  };
  const getLog = () => readLog(d.kv);
  const purge = () => purgeStored(d.kv, counters);
  let started = false;

  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-telemetry]');
    const name = el && el.getAttribute('data-telemetry');
    if (name) counters.count(name);
  };
  // Counts are saved when the page is hidden or left: the last moment a page reliably runs (web.dev page lifecycle).
  const onHide = (e: Event) => {
    if (reporterP && (e.type === 'pagehide' || d.doc.visibilityState === 'hidden'))
      void reporterP.then((r) => r?.save());
  };

  const disclose = () => {
    if (!o) return;
    const where = o.endpoint ? new URL(o.endpoint).host : 'nowhere (no valid endpoint)';
    const signals = d.signals();
    // EventStoreDB: a disclosure at start, with other text when opted out (by the operator or by the user).
    if (parsed?.errors.length)
      logInfo('Usage telemetry is off: its configuration has errors (above). Nothing is sent.');
    else if (!o.enabled) logInfo('Usage telemetry is disabled by the operator: nothing is collected or sent.');
    else if (o.honorDoNotTrack && (signals.dnt || signals.gpc))
      logInfo(
        `Usage telemetry: your browser asks not to be tracked (${signals.gpc ? 'Global Privacy Control' : 'Do Not Track'}), so nothing is sent to ${where}.`,
      );
    else if (!d.consent() && d.decided())
      logInfo(
        `Usage telemetry: you have opted out. Nothing is sent to ${where}; change this under Cookie Preferences.`,
      );
    else if (!d.consent())
      logInfo(
        `Usage telemetry: nothing is sent to ${where} unless you allow product usage telemetry under Cookie Preferences.`,
      );
    else
      logInfo(
        `Usage telemetry: ${o.strategy === 'logging' ? 'reports are built and logged on this device, never sent' : `${o.sendUsageFrom === 'browser' ? 'this browser sends' : 'when the server cannot send its own usage report, this browser sends'} aggregated, anonymous usage counts to ${where}`}, at most once every ${every(o.intervalMs)}. Every transmission is listed under Cookie Preferences, where you can opt out.`,
      );
  };

  const api: TelemetryApi = {
    count(name, n) {
      if (o && o.enabled) counters.count(name, n);
    },
    serverReportFailed: (payload) =>
      viaReporter(
        (dec) => dec,
        (r) => r.serverReportFailed(payload),
      ),
    flush: () =>
      viaReporter(
        (dec) => dec,
        (r) => r.check(),
      ),
    preview: () =>
      viaReporter(
        () => null,
        (r) => r.preview().then((p) => p.report),
      ),
    status: () =>
      viaReporter(
        (dec) => ({ reason: dec.reason, configured: !!o }),
        (r) => r.preview().then((p) => ({ reason: p.reason, configured: true })),
      ),
    getLog,
  };

  return {
    api,
    options: o,
    start() {
      if (!o || started) return;
      started = true;
      disclose();
      if (!o.enabled) return;
      counters.pageView(d.win.location.pathname);
      d.doc.addEventListener('click', onClick, true);
      d.doc.addEventListener('visibilitychange', onHide);
      d.win.addEventListener('pagehide', onHide);
      void api.flush();
    },
    consentChanged(allowed) {
      if (!o || !started) return;
      if (allowed) void api.flush();
      else void purge();
    },
    async wipe() {
      await purge();
      await d.kv.del(LOG_KEY);
    },
    async inspect() {
      if (!o) return null;
      const [p, log] = await Promise.all([
        viaReporter(
          (dec) => ({ reason: dec.reason, report: null }),
          (r) => r.preview(),
        ),
        getLog(),
      ]);
      return { fromBrowser: o.sendUsageFrom === 'browser', reason: p.reason, preview: p.report, log };
    },
    stop() {
      void reporterP?.then((r) => r?.stop());
      d.doc.removeEventListener('click', onClick, true);
      d.doc.removeEventListener('visibilitychange', onHide);
      d.win.removeEventListener('pagehide', onHide);
    },
  };
}

const every = (ms: number) =>
  ms >= 3_600_000
    ? `${+(ms / 3_600_000).toFixed(1)} h`
    : ms >= 60_000
      ? `${+(ms / 60_000).toFixed(1)} min`
      : `${ms / 1000} s`;
