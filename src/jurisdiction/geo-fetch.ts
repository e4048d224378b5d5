import { parseGeoAnswer } from './geo-answer';

/**
 * Ask the site's geo endpoint where the visitor is. Past `timeoutMs` the answer is ignored and the fallback chain
 * goes on. A result, never an exception: null on time-out, network error, non-2xx or a malformed answer.
 */
export async function fetchGeo(
  fetchFn: typeof fetch,
  url: string,
  timeoutMs: number,
  onError: (msg: string) => void,
): Promise<string | null> {
  const ctl = typeof AbortController === 'function' ? new AbortController() : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late = false;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      ctl?.abort();
      resolve(null);
    }, timeoutMs);
  });
  const answer = (async () => {
    try {
      // credentials omitted: the geo answer must not be joinable to a session before consent.
      const res = await fetchFn(url, {
        credentials: 'omit',
        signal: ctl?.signal,
        headers: { accept: 'application/json' },
      });
      if (!res.ok) {
        onError(`geoEndpoint answered HTTP ${res.status}; falling back to the time zone`);
        return null;
      }
      const json = await res.json().catch(() => undefined);
      // The body came after the time-out (the read was aborted, or finished unheard): the answer was given up on,
      // not malformed, and the chain has gone on without it.
      if (late) return null;
      const region = parseGeoAnswer(json);
      if (
        !region &&
        !(json && typeof json === 'object' && /^(XX|T1|\*\*)$/i.test(String((json as { country?: unknown }).country)))
      )
        onError('geoEndpoint answer is not {"country":"DE","region":"BY"}; falling back to the time zone');
      return region;
    } catch (e) {
      if (!late && !(e && (e as Error).name === 'AbortError'))
        onError(`geoEndpoint request failed (${(e as Error)?.message}); falling back to the time zone`);
      return null;
    }
  })();
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
