import { fetchWithTimeout } from '../protocol/fetch';
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

/** Why a request gave no answer, as the log and the console say it. */
export const noAnswer = (fetched: { timedOut: boolean; error: unknown }, timeoutMs: number): string =>
  fetched.timedOut
    ? `no answer within ${timeoutMs / 1000} s`
    : String((fetched.error as Error)?.message || fetched.error);

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
  const fetched = await fetchWithTimeout(
    (signal) =>
      fetchFn(url, {
        method: 'POST',
        // Bytes, not characters: a body of non-ASCII text can be three times its length.
        keepalive: new TextEncoder().encode(body).length < KEEPALIVE_MAX,
        credentials,
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal,
      }),
    timeoutMs,
  );
  if (!fetched.ok) return { ok: false, error: noAnswer(fetched, timeoutMs) };
  const res = fetched.response;
  if (res.ok) return { ok: true, status: res.status };
  const retry =
    res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now()) : null;
  return { ok: false, status: res.status, retryAfterMs: retry, error: `HTTP ${res.status}` };
}
