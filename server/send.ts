import { errorMessage } from './error-message';
import { unref } from './unref';

/** The outcome of one POST: 2xx, or why not. */
export type Sent = { ok: true; status: number } | { ok: false; status?: number; error: string };

/**
 * POSTs one report and checks the answer: only 2xx counts (a 500 is not a success), and the time-out covers the
 * whole exchange up to the status line. Never rejects.
 */
export async function postReport(
  fetchFn: typeof fetch,
  endpoint: URL,
  body: string,
  idempotencyKey: string,
  timeoutMs: number,
): Promise<Sent> {
  const controller = new AbortController();
  const timer = unref(setTimeout(() => controller.abort(), timeoutMs));
  try {
    const response = await fetchFn(endpoint.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body,
      signal: controller.signal,
      // The endpoint was checked to be https (or loopback); following a redirect could leave that, so a 3xx is a
      // failure the operator sees in the log instead.
      redirect: 'manual',
    });
    // Only the status matters; cancelling the body frees the connection instead of leaving it to the GC.
    response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (err) {
    if (controller.signal.aborted) return { ok: false, error: `timed out after ${timeoutMs} ms` };
    return { ok: false, error: `network error: ${errorMessage(err)}` };
  } finally {
    clearTimeout(timer);
  }
}
