import type { ConsentStore } from './store/create-store';
import { parseEndpoint } from '../src/protocol/endpoint';
import type { FetchLike } from '../src/protocol/fetch';
import { type Env, processEnv } from './opt-out';

/** Airbyte's `TRACKING_STRATEGY`: `'logging'` builds and logs every report but sends none. */
export type ServerReportStrategy = 'send' | 'logging';

/** Where the disclosure and the one line per report go; `console` fits. */
export interface ServerReporterLog {
  info(message: string): void;
  error(message: string): void;
}

/** Options of {@link createServerReporter}; only `endpoint` and `collect` are required. */
export interface ServerReporterOptions {
  /** The vendor's telemetry URL: `https:`, or `http:` only on a loopback host (localhost, 127.0.0.0/8, [::1]). */
  endpoint: string | URL;
  /** Builds the server's usage payload (EMQX, EventStoreDB shapes); may be async. Must return a JSON object. */
  collect: () => object | Promise<object>;
  /** EMQX `telemetry.enable`: false collects nothing and sends nothing. Default true. */
  enabled?: boolean;
  /** Default `'send'`. */
  strategy?: ServerReportStrategy;
  /** EventStoreDB: the first report waits this long after `start()`, so short-lived instances send nothing. Default 1 h. */
  initialDelayMs?: number;
  /** Then one report per interval. Must be > 0. Default 24 h. */
  intervalMs?: number;
  /** Limit for `collect()` and for the POST each. Must be > 0. Default 10 s. */
  timeoutMs?: number;
  /** Disclosure and one line per report (`info`), failures (`error`). Default `console`. */
  log?: ServerReporterLog;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * The fetch to send with; undici's `fetch` fits without a cast. Default: the global `fetch`, and in Node, when
   * `HTTPS_PROXY`/`HTTP_PROXY` is set, undici's `fetch` through its `EnvHttpProxyAgent` (which honours `NO_PROXY`).
   */
  fetch?: FetchLike;
  /**
   * The host product's own opt-out variable (EventStoreDB `EVENTSTORE_TELEMETRY_OPTOUT`), e.g.
   * `'ACME_TELEMETRY_OPTOUT'`: set to anything but empty, `0` or `false`, nothing is sent. The disclosure names it.
   * `DO_NOT_TRACK` always counts too.
   */
  optOutEnv?: string;
  /** Where operators read what is collected and why (https); the disclosure names it. */
  infoUrl?: string | URL;
  /** The environment the opt-out and proxy variables are read from. Default `process.env` where there is one. */
  env?: Env;
  /**
   * A store from `createConsentStore()`: the reporting state lives there, so N processes on one database report
   * each period once and all see a browser's POST `{ reportedAt }` (docs/SPEC.md §7). Default: this process only.
   */
  store?: ConsentStore;
}

/** The options once checked and defaulted. */
export interface ResolvedOptions {
  endpoint: URL;
  collect: () => object | Promise<object>;
  enabled: boolean;
  strategy: ServerReportStrategy;
  initialDelayMs: number;
  intervalMs: number;
  timeoutMs: number;
  log: ServerReporterLog;
  now: () => number;
  /** Undefined: the default (global fetch, or undici through the proxy variables in Node). */
  fetch: FetchLike | undefined;
  optOutEnv: string | undefined;
  infoUrl: URL | undefined;
  /** Read on every use, so a test or a host that sets a variable after creating the reporter is heard. */
  env: () => Env;
  store: ConsentStore | undefined;
}

const KNOWN = [
  'endpoint',
  'collect',
  'enabled',
  'strategy',
  'initialDelayMs',
  'intervalMs',
  'timeoutMs',
  'log',
  'now',
  'fetch',
  'optOutEnv',
  'infoUrl',
  'env',
  'store',
];

/**
 * Checks every option and fills in the defaults. Throws a `TypeError` naming the option, so a misconfigured server
 * fails at start instead of quietly never reporting (docs/SPEC.md §7). An unknown key throws too: `intervalMS` is a typo that
 * would otherwise leave the 24 h default in place unnoticed.
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError(`consent-relay/server: options must be an object, got ${describe(input)}`);
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.includes(key)) bad(key, `is not one of ${KNOWN.join(', ')}`, o[key]);
  }

  const endpoint = parseEndpoint(o.endpoint);
  if (!endpoint) bad('endpoint', 'must be an https URL (http only on loopback)', o.endpoint);
  // fetch refuses a URL with user:password@ (Fetch standard), so every report would fail; said now, password hidden.
  if (endpoint.username || endpoint.password)
    bad('endpoint', 'must not hold credentials (user:password@), which fetch refuses to send', o.endpoint);
  if (typeof o.collect !== 'function') bad('collect', 'must be a function returning the usage payload', o.collect);
  const enabled = o.enabled ?? true;
  if (typeof enabled !== 'boolean') bad('enabled', 'must be a boolean', enabled);
  const strategy = o.strategy ?? 'send';
  if (strategy !== 'send' && strategy !== 'logging') bad('strategy', "must be 'send' or 'logging'", strategy);
  const log = o.log ?? console;
  if (!isLog(log)) bad('log', 'must have info and error functions', log);
  const now = o.now ?? Date.now;
  if (typeof now !== 'function') bad('now', 'must be a function returning epoch milliseconds', now);
  const fetchFn = o.fetch ?? (typeof fetch === 'function' ? undefined : null);
  if (fetchFn !== undefined && typeof fetchFn !== 'function') {
    bad('fetch', 'must be a function (no global fetch in this runtime)', fetchFn);
  }
  // An environment variable name: letters, digits and underscores, not starting with a digit (POSIX).
  if (o.optOutEnv !== undefined && (typeof o.optOutEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.optOutEnv))) {
    bad('optOutEnv', 'must be an environment variable name such as "ACME_TELEMETRY_OPTOUT"', o.optOutEnv);
  }
  const infoUrl = o.infoUrl === undefined ? undefined : parseEndpoint(o.infoUrl);
  if (infoUrl === null) bad('infoUrl', 'must be an https URL', o.infoUrl);
  // The disclosure prints it in full.
  if (infoUrl?.username || infoUrl?.password) bad('infoUrl', 'must not hold credentials (user:password@)', o.infoUrl);
  const store = o.store;
  if (store !== undefined && !(typeof store === 'object' && store !== null && 'db' in store))
    bad('store', 'must be a store from createConsentStore()', store);
  const env = o.env;
  if (env !== undefined && (typeof env !== 'object' || env === null)) bad('env', 'must be an object of strings', env);

  return {
    endpoint: endpoint as URL,
    collect: o.collect as ResolvedOptions['collect'],
    enabled: enabled as boolean,
    strategy: strategy as ServerReportStrategy,
    initialDelayMs: duration(o, 'initialDelayMs', 3_600_000, false),
    intervalMs: duration(o, 'intervalMs', 86_400_000, true),
    // A zero time-out would abort every report before it leaves, so it is refused like a zero interval.
    timeoutMs: duration(o, 'timeoutMs', 10_000, true),
    log: log as ServerReporterLog,
    now: now as () => number,
    fetch: fetchFn as FetchLike | undefined,
    optOutEnv: o.optOutEnv as string | undefined,
    infoUrl: infoUrl as URL | undefined,
    env: env ? () => env as Env : processEnv,
    store: store as ConsentStore | undefined,
  };
}

function duration(o: Record<string, unknown>, key: string, fallback: number, positive: boolean): number {
  const value = o[key] ?? fallback;
  const valid = typeof value === 'number' && Number.isFinite(value) && (positive ? value > 0 : value >= 0);
  if (!valid) bad(key, positive ? 'must be a finite number > 0' : 'must be a finite number >= 0', value);
  return value as number;
}

function isLog(value: unknown): value is ServerReporterLog {
  const log = value as Partial<ServerReporterLog> | null;
  return typeof log === 'object' && log !== null && typeof log.info === 'function' && typeof log.error === 'function';
}

function bad(option: string, rule: string, value: unknown): never {
  throw new TypeError(`consent-relay/server: option "${option}" ${rule}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string' || value instanceof URL) return JSON.stringify(withoutPassword(value));
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

/** A URL's password never goes into an error message (they end up in logs); anything else is shown as given. */
function withoutPassword(value: string | URL): string {
  try {
    const url = new URL(String(value));
    if (!url.password) return String(value);
    url.password = '***';
    return url.href;
  } catch {
    return String(value);
  }
}
