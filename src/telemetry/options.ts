import { isLoopbackHost } from '../protocol/endpoint';

/** `config.telemetry` (docs/SPEC.md §5), validated. Pure. */
export interface TelemetryOptions {
  endpoint: string | null;
  enabled: boolean;
  category: string;
  sendUsageFrom: 'server' | 'browser';
  serverStatusUrl: string | null;
  strategy: 'send' | 'logging';
  /** the operator's default for the telemetry category; null = the regime's */
  optIn: boolean | null;
  allowChangingOptInStatus: boolean;
  honorDoNotTrack: boolean;
  initialDelayMs: number;
  intervalMs: number;
  maxPayloadBytes: number;
}

/**
 * https only, or http on a loopback host (a developer's machine, the demo): usage data must not cross a network in
 * clear text. The same rule as the server half's (src/protocol/endpoint.ts).
 */
export function isSafeEndpoint(u: URL): boolean {
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}

/*
 * The checks and the message shape shared with src/config/parse.ts (which imports these: config is read first,
 * its telemetry part here). A check returns the accepted value, or undefined when the value is bad.
 */
export type Check = (v: any) => unknown;
export const bool: Check = (v) => (typeof v === 'boolean' ? v : undefined);
const atLeast =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined;
export const oneOf =
  (...list: string[]): Check =>
  (v) =>
    list.includes(v) ? v : undefined;
/** A category id (config.categories[].id, config.telemetry.category). */
export const ID = /^[a-z][a-z0-9_-]{0,31}$/;
/** A value as an error message shows it: JSON, at most 80 characters, never throwing (a cycle, a BigInt). */
const show = (v: unknown) => {
  try {
    return String(JSON.stringify(v) ?? v).slice(0, 80);
  } catch {
    return typeof v;
  }
};
/** Every bad-value message: `config.<path> must be <want>, got <value>; <what happens instead>`. */
export const mustBe = (path: string, want: string, got: unknown, instead: string) =>
  `config.${path} must be ${want}, got ${show(got)}; ${instead}`;

/**
 * [key, what it must be, check, default]: the options table of docs/SPEC.md §5, in the order its errors are said.
 * Any positive interval and size: a short interval is how tests and demos see reports (the automatic timer still
 * waits at least a second between checks); a small maximum is how they see a refusal.
 */
const OPTIONS: Array<[keyof TelemetryOptions, string, Check | 'url' | 'safe url', unknown]> = [
  ['category', 'a category id', (v) => (typeof v === 'string' && ID.test(v) ? v : undefined), 'telemetry'],
  ['optIn', 'true or false', bool, null],
  ['endpoint', 'an https URL (http only on a loopback host)', 'safe url', null],
  ['enabled', 'true or false', bool, true],
  ['sendUsageFrom', "one of 'server', 'browser'", oneOf('server', 'browser'), 'server'],
  ['serverStatusUrl', 'an http(s) URL', 'url', null],
  ['strategy', "one of 'send', 'logging'", oneOf('send', 'logging'), 'send'],
  ['allowChangingOptInStatus', 'true or false', bool, true],
  ['honorDoNotTrack', 'true or false', bool, true],
  ['initialDelayMs', 'a number >= 0', atLeast(0), 3_600_000],
  ['intervalMs', 'a number >= 1', atLeast(1), 86_400_000],
  ['maxPayloadBytes', 'a number >= 1', atLeast(1), 65_536],
];

/**
 * @param optional the ids of the configured categories a visitor can refuse; the telemetry category must be one:
 *   a missing one would never send, and a required one (`necessary`) would send without anyone's consent.
 */
export function parseTelemetryOptions(
  t: Record<string, unknown>,
  baseUrl: string,
  optional?: readonly string[],
): { options: TelemetryOptions; errors: string[] } {
  const errors: string[] = [];
  /** An http(s) URL, or with `safe` one `isSafeEndpoint` allows; null stays null (no URL). */
  const url = (v: unknown, safe: boolean) => {
    if (v === null) return v;
    try {
      // Not blank: '' resolves to the page's own URL, and reports would be posted to the page.
      const u = typeof v === 'string' && v.trim() ? new URL(v, baseUrl) : null;
      if (u && (safe ? isSafeEndpoint(u) : /^https?:$/.test(u.protocol))) return u.href;
    } catch {
      /* bad URL */
    }
  };
  const options = {} as Record<keyof TelemetryOptions, unknown>;
  for (const [key, want, check, dflt] of OPTIONS) {
    const v = t[key];
    const ok = v === undefined ? dflt : typeof check === 'string' ? url(v, check === 'safe url') : check(v);
    if (ok === undefined) errors.push(mustBe('telemetry.' + key, want, v, 'telemetry will not send'));
    options[key] = ok === undefined ? dflt : ok;
    if (key === 'category' && optional && !optional.includes(options.category as string))
      errors.push(
        `config.telemetry.category "${options.category}" must be one of the optional categories (${optional.join(', ')}); telemetry will not send`,
      );
  }
  // The known options are the keys of `options` (one list); unknown ones are said first.
  errors.unshift(
    ...Object.keys(t)
      .filter((k) => !Object.keys(options).includes(k))
      .map((k) => `config.telemetry.${k} is not a known option`),
  );
  // Any telemetry error switches sending off (nothing sent), and leaves consent untouched.
  if (errors.length) options.enabled = false;
  return { options: options as unknown as TelemetryOptions, errors };
}
