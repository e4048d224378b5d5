/**
 * What a failed send may do next. A network error or time-out, 408, 429 and 5xx say "try again later"; any other
 * 4xx (and a redirect, which is never followed) will fail the same way until someone changes the configuration, so it
 * waits for the next period (docs/SPEC.md §7).
 */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // Every HTTP-date form starts with a day name; V8's Date.parse would read '-5' or '1.5' as a year.
  if (!/^\s*[A-Za-z]{3}/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}
