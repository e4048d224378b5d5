import { logError, logInfo } from '../lib/log';
import type { KeyValueStore } from '../storage/idb';
import { createCounters } from './counters';
import type { Decision, SendReason } from './decision';
import { parseTelemetryOptions, type TelemetryOptions } from './options';
import { createReporter, type LogEntry, type Reporter, type TelemetryReport } from './reporter';

export type { LogEntry, TelemetryReport, SendReason };

/** `ConsentRelay.telemetry` (SPEC §5). Present even without `config.telemetry`: then it counts nothing and sends nothing. */
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
  inspect(): Promise<{ reason: SendReason; preview: TelemetryReport | null; log: LogEntry[] } | null>;
}

export interface TelemetryDeps {
  config: Record<string, unknown> | null;
  baseUrl: string;
  /** ids of the configured categories a visitor can refuse */
  optionalCategories: readonly string[];
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
}

export function createTelemetry(d: TelemetryDeps): TelemetryController {
  const parsed = d.config ? parseTelemetryOptions(d.config, d.baseUrl, d.optionalCategories) : null;
  parsed?.errors.forEach((e) => logError(e));
  // No endpoint: the reporter is off. A config error keeps it on but disabled, so the disclosure says so.
  const o = parsed && (parsed.options.endpoint || parsed.errors.length) ? parsed.options : null;
  const counters = createCounters(logError);
  const reporter: Reporter | null = o
    ? createReporter({ options: o, kv: d.kv, fetch: d.fetch, now: d.now, locks: d.locks, counters, consent: d.consent, signals: d.signals, onLog: d.onLog, onError: logError })
    : null;
  const off: Decision = { reason: 'no_endpoint', build: false };
  let started = false;

  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-telemetry]');
    const name = el && el.getAttribute('data-telemetry');
    if (name) counters.count(name);
  };
  // Counts are saved when the page is hidden or left: the last moment a page reliably runs (web.dev page lifecycle).
  const onHide = (e: Event) => {
    if (e.type === 'pagehide' || d.doc.visibilityState === 'hidden') void reporter?.save();
  };

  const disclose = () => {
    if (!o) return;
    const where = o.endpoint ? new URL(o.endpoint).host : 'nowhere (no valid endpoint)';
    const signals = d.signals();
    // EventStoreDB: a disclosure at start, with other text when opted out (by the operator or by the user).
    if (parsed?.errors.length) logInfo('Usage telemetry is off: its configuration has errors (above). Nothing is sent.');
    else if (!o.enabled) logInfo('Usage telemetry is disabled by the operator: nothing is collected or sent.');
    else if (o.honorDoNotTrack && (signals.dnt || signals.gpc))
      logInfo(`Usage telemetry: your browser asks not to be tracked (${signals.gpc ? 'Global Privacy Control' : 'Do Not Track'}), so nothing is sent to ${where}.`);
    else if (!d.consent() && d.decided())
      logInfo(`Usage telemetry: you have opted out. Nothing is sent to ${where}; change this under Cookie Preferences.`);
    else if (!d.consent())
      logInfo(`Usage telemetry: nothing is sent to ${where} unless you allow product usage telemetry under Cookie Preferences.`);
    else
      logInfo(
        `Usage telemetry: ${o.strategy === 'logging' ? 'reports are built and logged on this device, never sent' : `when the server cannot send its own usage report, this browser sends aggregated, anonymous usage counts to ${where}`}, at most once every ${every(o.intervalMs)}. Every transmission is listed under Cookie Preferences, where you can opt out.`,
      );
  };

  const api: TelemetryApi = {
    count(name, n) {
      if (o && o.enabled) counters.count(name, n);
    },
    serverReportFailed: (payload) => (reporter ? reporter.serverReportFailed(payload) : Promise.resolve(off)),
    flush: () => (reporter ? reporter.check() : Promise.resolve(off)),
    preview: () => (reporter ? reporter.preview().then((p) => p.report) : Promise.resolve(null)),
    status: () =>
      reporter ? reporter.preview().then((p) => ({ reason: p.reason, configured: true })) : Promise.resolve({ reason: off.reason, configured: false }),
    getLog: () => (reporter ? reporter.getLog() : Promise.resolve([])),
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
      void reporter!.check();
    },
    consentChanged(allowed) {
      if (!reporter || !started) return;
      if (allowed) void reporter.check();
      else void reporter.purge();
    },
    wipe: () => (reporter ? reporter.wipe() : Promise.resolve()),
    async inspect() {
      if (!reporter) return null;
      const [p, log] = await Promise.all([reporter.preview(), reporter.getLog()]);
      return { reason: p.reason, preview: p.report, log };
    },
    stop() {
      reporter?.stop();
      d.doc.removeEventListener('click', onClick, true);
      d.doc.removeEventListener('visibilitychange', onHide);
      d.win.removeEventListener('pagehide', onHide);
    },
  };
}

const every = (ms: number) => (ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${ms / 1000} s`);
