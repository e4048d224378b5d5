/**
 * What `status()` returns and `GET` serves: the shape the browser's `serverStatusUrl` expects (docs/SPEC.md §5).
 * Times are ISO strings or null.
 */
export interface ServerReporterStatus {
  /** True until a send attempt fails, false after a failed one, true again after a success. */
  ok: boolean;
  /**
   * Present (true) when the operator turned reporting off (`enabled: false`, `DO_NOT_TRACK`, the host's own opt-out
   * variable): nothing is sent, and browsers do not take over either (docs/SPEC.md §5, §7).
   */
  disabled?: true;
  /** The latest report of this period, by this server or by a browser's POST `{ reportedAt }`. */
  lastReportedAt: string | null;
  /** The latest send attempt by this server, successful or not. */
  lastAttemptAt: string | null;
  /** The last payload `collect()` built, so the browser can send it in the fallback; null before the first. */
  payload: object | null;
}

/**
 * The outcome of one report; `reportNow()` resolves with it and never rejects.
 * - sent: `{ ok: true, status }`
 * - failed: `{ ok: false, status?, error }` (`status` present when the endpoint answered non-2xx)
 * - turned off (`enabled: false`, `DO_NOT_TRACK`, the host's variable): `{ ok: false, skipped: 'disabled' }` —
 *   nothing was built or sent
 * - `strategy: 'logging'`: `{ ok: true, skipped: 'logging' }` — built and logged, not sent
 *   (or `{ ok: false, error }` when `collect()` failed)
 */
export interface ReportResult {
  ok: boolean;
  status?: number;
  error?: string;
  skipped?: 'disabled' | 'logging';
}

/** Anything that answers a standard Request: what the adapters (`toNodeListener`, …) mount. */
export interface FetchHandler {
  handle(request: Request): Promise<Response>;
  /** The methods `handle` answers, for the `Allow` of a 405 an adapter writes itself (TRACE, CONNECT). */
  readonly allow?: string;
}

/** The server half of the telemetry fallback; see {@link createServerReporter}. */
export interface ServerReporter extends FetchHandler {
  /** Writes the disclosure once, then reports `initialDelayMs` after now and once per interval. Idempotent. */
  start(): void;
  /** Ends the schedule; a report in flight still settles. */
  stop(): void;
  /** Reports now, whatever the schedule says; one at a time (a second call shares the one in flight). */
  reportNow(): Promise<ReportResult>;
  /** The reporting state, as `GET` serves it. */
  status(): ServerReporterStatus;
  /**
   * The `serverStatusUrl` endpoint, at whatever path it is mounted: `GET`/`HEAD` → 200 status JSON (and a
   * `Consent-Relay-Ack-Token` header); `POST` `{ reportedAt, ackToken? }` (JSON) → 204; a bad body → 400; a body over
   * 4 KiB → 413; a cross-site POST → 403; other methods → 405. Never rejects. A plain function (no `this`), so
   * `export const GET = reporter.handle` works. Mount it behind the application's own authentication.
   */
  handle(request: Request): Promise<Response>;
  readonly allow: string;
}
