import { type FetchLike, fetchWithTimeout } from '../src/protocol/fetch';
import { isRetryableStatus, parseRetryAfter } from '../src/protocol/retry';
import { errorMessage } from './error-message';

/** The outcome of one POST: 2xx, or why not and whether trying again may help. */
export type Sent =
  | { ok: true; status: number }
  | { ok: false; status?: number; error: string; retryable: boolean; retryAfterMs: number | null };

/**
 * POSTs one report and checks the answer: only 2xx counts (a 500 is not a success), and the time-out covers the
 * whole exchange up to the status line. Never rejects.
 */
export async function postReport(
  fetchFn: FetchLike,
  endpoint: URL,
  body: string,
  idempotencyKey: string,
  timeoutMs: number,
  now: () => number,
): Promise<Sent> {
  const fetched = await fetchWithTimeout(
    (signal) =>
      fetchFn(endpoint.href, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body,
        signal,
        // The endpoint was checked to be https (or loopback); following a redirect could leave that, so a 3xx is a
        // failure the operator sees in the log instead.
        redirect: 'manual',
      }),
    timeoutMs,
  );
  if (!fetched.ok) {
    const error = fetched.timedOut
      ? `timed out after ${timeoutMs} ms`
      : `network error: ${errorMessage(fetched.error)}`;
    return { ok: false, error, retryable: true, retryAfterMs: null };
  }
  const { status, headers } = fetched.response;
  // Only the status matters; cancelling the body frees the connection instead of leaving it to the GC.
  fetched.response.body?.cancel().catch(() => {});
  if (status >= 200 && status < 300) return { ok: true, status };
  return {
    ok: false,
    status,
    error: `HTTP ${status}`,
    retryable: isRetryableStatus(status),
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), now()),
  };
}
