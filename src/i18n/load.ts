import { fetchWithTimeout } from '../protocol/fetch';

/** How long the banner waits for a language pack before it shows in English rather than not at all. */
export const PACK_WAIT_MS = 1000;
/** A pack later than the banner waits for still switches the UI to the visitor's language up to this long. */
export const PACK_LATE_MS = 15_000;

/**
 * Fetch one language pack (`<base>i18n/<lang>.json`, beside the script, so a CDN copy finds its own), within
 * PACK_LATE_MS. Cached by the browser like any file. A result, never an exception: null (and one console.error) on a 404, a network error or a
 * malformed pack (not an object, or none of the core's keys in it); non-string and blank values are dropped, missing
 * keys fall back to English, and each part builds its strings from the keys it knows (src/ui/strings.ts).
 */
export async function loadPack(
  fetchFn: typeof fetch,
  base: string,
  lang: string,
  onError: (msg: string) => void,
  /** the core's keys (EN): a pack with none of them is not a language pack */
  known: Record<string, string>,
): Promise<Record<string, string> | null> {
  const url = new URL(`i18n/${lang}.json`, base).href;
  try {
    // Bounded like every request of the drop-in (src/protocol/fetch.ts): a pack later than PACK_LATE_MS is given up.
    const fetched = await fetchWithTimeout(async (signal) => {
      const res = await fetchFn(url, { credentials: 'omit', signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as unknown;
    }, PACK_LATE_MS);
    if (!fetched.ok) throw fetched.timedOut ? new Error(`no answer in ${PACK_LATE_MS / 1000} s`) : fetched.error;
    const data = fetched.response;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object of strings');
    const out: Record<string, string> = {};
    // Keys the core does not know may be the panel's (its file builds its strings from the same pack).
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string' && v.trim()) out[k] = v;
    if (!Object.keys(out).some((k) => k in known)) throw new Error('no known strings in it');
    return out;
  } catch (e) {
    onError(`language pack ${url} could not be used (${(e as Error).message}); showing English`);
    return null;
  }
}
