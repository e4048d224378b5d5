import { parseRetryAfter } from '../lib/backoff';

export interface SendResult {
  ok: boolean;
  status?: number;
  /** the server asked for this delay (429/503 with Retry-After) */
  retryAfterMs?: number | null;
  error?: string;
}

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
): Promise<SendResult> {
  try {
    const res = await fetchFn(url, {
      method: 'POST',
      keepalive: body.length < 60_000,
      credentials,
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    if (res.ok) return { ok: true, status: res.status };
    const retry = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now()) : null;
    return { ok: false, status: res.status, retryAfterMs: retry, error: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message || e) };
  }
}
