import { fetchWithTimeout } from '../protocol/fetch';
import { parseGeoAnswer } from './geo-answer';

/**
 * Ask the site's geo endpoint where the visitor is. Past `timeoutMs` (headers and body alike) the answer is ignored
 * and the fallback chain goes on. A result, never an exception: null on time-out, network error, non-2xx or a
 * malformed answer; each but the time-out is one console error naming the URL and the problem.
 */
export async function fetchGeo(
  fetchFn: typeof fetch,
  url: string,
  timeoutMs: number,
  onError: (msg: string) => void,
): Promise<string | null> {
  const fetched = await fetchWithTimeout(async (signal) => {
    // credentials omitted: the geo answer must not be joinable to a session before consent.
    const res = await fetchFn(url, { credentials: 'omit', signal, headers: { accept: 'application/json' } });
    // An unreadable body (not JSON) is a malformed answer, told apart from one that came too late (the time-out).
    return { status: res.status, ok: res.ok, json: res.ok ? await res.json().catch(() => undefined) : undefined };
  }, timeoutMs);
  // Given up on at the time-out (headers or body still on the way): not an error of the endpoint's, nothing to say.
  if (!fetched.ok && fetched.timedOut) return null;
  const fail = (problem: string) => {
    onError(`geoEndpoint ${url} ${problem}; falling back to the time zone`);
    return null;
  };
  if (!fetched.ok) return fail(`request failed (${(fetched.error as Error)?.message || fetched.error})`);
  const { status, ok, json } = fetched.response;
  if (!ok) return fail(`answered HTTP ${status}`);
  const region = parseGeoAnswer(json);
  // Cloudflare's XX/T1 and "**" mean "unknown" or Tor: a well-formed answer without a region, not an error.
  const unknown =
    !!json && typeof json === 'object' && /^(XX|T1|\*\*)$/i.test(String((json as { country?: unknown }).country));
  if (!region && !unknown) return fail('answer is not {"country":"DE","region":"BY"}');
  return region;
}
