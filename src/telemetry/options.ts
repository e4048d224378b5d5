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

/**
 * @param optional the ids of the configured categories a visitor can refuse; the telemetry category must be one:
 *   a missing one would never send, and a required one (`necessary`) would send without anyone's consent.
 * Just past the house limit: one check per option, each naming the key it refuses, read top to bottom like the
 * options table of the README.
 */
export function parseTelemetryOptions(
  t: Record<string, unknown>,
  baseUrl: string,
  optional?: readonly string[],
): { options: TelemetryOptions; errors: string[] } {
  const errors: string[] = [];
  const bad = (k: string, want: string) =>
    errors.push(`config.telemetry.${k} ${want}, got ${JSON.stringify(t[k]) ?? String(t[k])}; telemetry will not send`);
  const url = (k: string, mustBeSafe: boolean): string | null => {
    const v = t[k];
    if (v == null) return null;
    try {
      // Not blank: '' resolves to the page's own URL, and reports would be posted to the page.
      const u = typeof v === 'string' && v.trim() ? new URL(v, baseUrl) : null;
      if (u && (mustBeSafe ? isSafeEndpoint(u) : /^https?:$/.test(u.protocol))) return u.href;
    } catch {
      /* reported below */
    }
    bad(k, mustBeSafe ? 'must be an https URL (http only on a loopback host)' : 'must be an http(s) URL');
    return null;
  };
  const bool = (k: string, d: boolean) => {
    if (t[k] === undefined) return d;
    if (typeof t[k] === 'boolean') return t[k] as boolean;
    bad(k, 'must be true or false');
    return d;
  };
  const num = (k: string, d: number, min: number) => {
    const v = t[k];
    if (v === undefined) return d;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min) return v;
    bad(k, `must be a number >= ${min}`);
    return d;
  };
  const oneOf = <T extends string>(k: string, list: readonly T[], d: T): T => {
    if (t[k] === undefined) return d;
    if (list.includes(t[k] as T)) return t[k] as T;
    bad(k, `must be one of ${list.map((x) => `'${x}'`).join(', ')}`);
    return d;
  };
  let category = 'telemetry';
  if (t.category !== undefined) {
    if (typeof t.category === 'string' && /^[a-z][a-z0-9_-]{0,31}$/.test(t.category)) category = t.category;
    else bad('category', 'must be a category id');
  }
  if (optional && !optional.includes(category))
    errors.push(
      `config.telemetry.category "${category}" must be one of the optional categories (${optional.join(', ')}); telemetry will not send`,
    );
  let optIn: boolean | null = null;
  if (t.optIn !== undefined) {
    if (typeof t.optIn === 'boolean') optIn = t.optIn;
    else bad('optIn', 'must be true or false');
  }
  const options: TelemetryOptions = {
    endpoint: url('endpoint', true),
    enabled: bool('enabled', true),
    category,
    sendUsageFrom: oneOf('sendUsageFrom', ['server', 'browser'] as const, 'server'),
    serverStatusUrl: url('serverStatusUrl', false),
    strategy: oneOf('strategy', ['send', 'logging'] as const, 'send'),
    optIn,
    allowChangingOptInStatus: bool('allowChangingOptInStatus', true),
    honorDoNotTrack: bool('honorDoNotTrack', true),
    initialDelayMs: num('initialDelayMs', 3_600_000, 0),
    // Any positive interval and size: a short interval is how tests and demos see reports (the automatic timer
    // still waits at least a second between checks); a small maximum is how they see a refusal.
    intervalMs: num('intervalMs', 86_400_000, 1),
    maxPayloadBytes: num('maxPayloadBytes', 65_536, 1),
  };
  // The known options are the keys of `options` (one list); unknown ones are said first.
  const known = Object.keys(options);
  errors.unshift(
    ...Object.keys(t)
      .filter((k) => !known.includes(k))
      .map((k) => `config.telemetry.${k} is not a known option`),
  );
  // Any telemetry error switches sending off (nothing sent), and leaves consent untouched.
  if (errors.length) options.enabled = false;
  return { options, errors };
}
