import { parseRetryAfter } from '../protocol/retry';

export interface SendResult {
  ok: boolean;
  status?: number;
  /** the server asked for this delay (429/503 with Retry-After) */
  retryAfterMs?: number | null;
  error?: string;
}

/** A collector that never answers must not hold the cross-tab lock (and every tab's reporting) for ever. */
export const TIMEOUT_MS = 30_000;
/** Chromium refuses a keepalive request once the keepalive bodies in flight pass 64 KiB (fetch spec, "keepalive"). */
const KEEPALIVE_MAX = 60_000;

/**
 * POST one JSON report. `keepalive` lets it finish when the tab closes (the browser caps keepalive bodies at 64 KiB,
 * hence the default maxPayloadBytes). Only 2xx is success: a 500 is not "sent". Never throws.
 */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  now: () => number,
  credentials: RequestCredentials = 'omit',
  timeoutMs = TIMEOUT_MS,
): Promise<SendResult> {
  const ctl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctl && setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetchFn(url, {
      method: 'POST',
      // Bytes, not characters: a body of non-ASCII text can be three times its length.
      keepalive: new TextEncoder().encode(body).length < KEEPALIVE_MAX,
      credentials,
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: ctl?.signal,
    });
    if (res.ok) return { ok: true, status: res.status };
    const retry =
      res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now()) : null;
    return { ok: false, status: res.status, retryAfterMs: retry, error: `HTTP ${res.status}` };
  } catch (e) {
    return {
      ok: false,
      error: ctl?.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : String((e as Error)?.message || e),
    };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
