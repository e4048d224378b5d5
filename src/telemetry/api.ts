import { logError, logInfo } from '../lib/log';
import type { KeyValueStore } from '../storage/idb';
import { type Counters, createCounters } from './counters';
import { type Decision, type NeverReason, type SendReason, whyNeverSend } from './decision';
import { disclosureWhenNotSending } from './disclosure';
import type { TelemetryOptions } from './options';
import type { Reporter } from './reporter';
import { LOG_KEY, purgeStored, readLog, type LogEntry, type TelemetryReport } from './types';

/**
 * Loads the reporter (the outbox, transport, lock, schedule, server status and preview): a file beside
 * the drop-in, a lazy chunk for bundler users. Reached only once telemetry may run, so none of it runs (or is even
 * fetched) for a visitor who has not consented.
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
  /** the consent changed (or was reset); `dropped`: a reset deleted the database, so nothing may be written */
  consentChanged(allowed: boolean, dropped?: boolean): void;
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

/**
 * The telemetry part of the core: what decides whether the reporter file is fetched at all (whyNeverSend, with no
 * schedule), the counters (counts made before the reporter loads are kept), the click and page-hide hooks, the
 * disclosure when nothing is sent, and the API. Everything else runs in the reporter file.
 */
export function createTelemetry(d: TelemetryDeps): TelemetryController {
  const parsed = d.parsed;
  // No endpoint: the reporter is off. A config error keeps it on but disabled, so the disclosure says so.
  const o = parsed && (parsed.options.endpoint || parsed.errors.length) ? parsed.options : null;
  const counters = createCounters(logError);
  const reporter = reporterLoader(d, o!, counters);
  /** Why it may never send now (the reporter is then not even loaded); null when it may. */
  const never = (): NeverReason | null =>
    o ? whyNeverSend({ ...o, ...d.signals(), consent: d.consent() }) : 'no_endpoint';
  const viaReporter = <T>(blocked: (reason: SendReason) => T, fn: (r: Reporter) => Promise<T>): Promise<T> => {
    const reason = never();
    if (reason) return Promise.resolve(blocked(reason));
    return reporter.get().then((r) => (r ? fn(r) : blocked('disabled')));
  };
  const decision = (reason: SendReason): Decision => ({ reason, build: false });
  const purge = () => purgeStored(d.kv, counters);
  const hooks = pageHooks(d, counters, reporter);
  let started = false;

  const api: TelemetryApi = {
    count(name, n) {
      if (o && o.enabled) counters.count(name, n);
    },
    serverReportFailed: (payload) => viaReporter(decision, (r) => r.serverReportFailed(payload)),
    flush: () => viaReporter(decision, (r) => r.check()),
    preview: () =>
      viaReporter(
        () => null,
        (r) => r.preview().then((p) => p.report),
      ),
    status: () =>
      viaReporter(
        (reason) => ({ reason, configured: !!o }),
        (r) => r.preview().then((p) => ({ reason: p.reason, configured: true })),
      ),
    getLog: () => readLog(d.kv),
  };

  return {
    api,
    options: o,
    start() {
      if (!o || started) return;
      started = true;
      const input = { options: o, configErrors: !!parsed?.errors.length, signals: d.signals(), consent: d.consent() };
      const text = disclosureWhenNotSending({ ...input, decided: d.decided() });
      // The sending case is said by the reporter file, fetched now anyway (the first flush below).
      if (text) logInfo(text);
      else void reporter.get().then((r) => r && logInfo(r.disclosure()));
      if (!o.enabled) return;
      counters.pageView(d.win.location.pathname);
      hooks.add();
      void api.flush();
    },
    consentChanged(allowed, dropped) {
      if (!o || !started) return;
      if (allowed) void api.flush();
      else if (dropped) counters.clear();
      else void purge();
    },
    async wipe() {
      await purge();
      await d.kv.del(LOG_KEY);
    },
    async inspect() {
      if (!o) return null;
      const [next, log] = await Promise.all([
        viaReporter(
          (reason) => ({ reason, report: null }),
          (r) => r.preview(),
        ),
        readLog(d.kv),
      ]);
      return { fromBrowser: o.sendUsageFrom === 'browser', reason: next.reason, preview: next.report, log };
    },
    stop() {
      reporter.loaded()?.then((r) => r?.stop());
      hooks.remove();
    },
  };
}

interface ReporterLoader {
  /** the reporter, loaded on first need; null (and one console error) when its file could not be loaded */
  get(): Promise<Reporter | null>;
  /** the reporter if loading it was started, else null */
  loaded(): Promise<Reporter | null> | null;
}

/** Loads the reporter file once (again after a failure, on the next need) and creates the reporter. */
function reporterLoader(d: TelemetryDeps, options: TelemetryOptions, counters: Counters): ReporterLoader {
  let pending: Promise<Reporter | null> | null = null;
  const load = () =>
    (d.loadReporter ? d.loadReporter() : Promise.reject(new Error('no loader'))).then(
      (m) =>
        m.createReporter({
          options,
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
        pending = null;
        return null;
      },
    );
  return { get: () => (pending ||= load()), loaded: () => pending };
}

/**
 * Counts clicks on `[data-telemetry]` elements; saves the counts when the page is hidden or left, the last moment a
 * page reliably runs (web.dev page lifecycle), if the reporter is loaded (else they stay in memory until it is).
 */
function pageHooks(d: TelemetryDeps, counters: Counters, reporter: ReporterLoader) {
  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-telemetry]');
    const name = el && el.getAttribute('data-telemetry');
    if (name) counters.count(name);
  };
  const onHide = (e: Event) => {
    if (e.type === 'pagehide' || d.doc.visibilityState === 'hidden') void reporter.loaded()?.then((r) => r?.save());
  };
  return {
    add() {
      d.doc.addEventListener('click', onClick, true);
      d.doc.addEventListener('visibilitychange', onHide);
      d.win.addEventListener('pagehide', onHide);
    },
    remove() {
      d.doc.removeEventListener('click', onClick, true);
      d.doc.removeEventListener('visibilitychange', onHide);
      d.win.removeEventListener('pagehide', onHide);
    },
  };
}
