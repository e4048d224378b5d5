import { hasSubdivisionRows } from './regimes';

/**
 * ISO 3166-1 user-assigned codes name no country: AA, QM-QZ, XA-XZ, ZZ (CLDR's "Unknown Region"; also the
 * ELSEWHERE sentinel of timezones.ts, which never comes through here). XK is kept: Cloudflare, MaxMind and CLDR use
 * it for Kosovo. Cloudflare's `XX` (unknown) is in the range; its `T1` (Tor) and Fastly's `**` fail the shape test.
 */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;

/**
 * Normalizes a region code from config, a geo answer or a language tag to `CC` or `CC-SUB` (upper case), or null
 * when it names no known place. Accepts `de`, `us-ca`, `CA_QC`, `CA QC`, and the CLDR subdivision id without a
 * separator that Google Cloud's `{client_region_subdivision}` sends (`USCA`, `CAQC`). That form only for a country
 * whose subdivisions have rows of their own (US, CA): elsewhere it changes nothing, and words and alpha-3 codes
 * would pass for it (`auto` is not AU-TO, `DEU` not DE-U).
 */
export function normalizeRegion(code: string): string | null {
  if (typeof code !== 'string') return null;
  const s = code.trim().toUpperCase();
  let m = /^([A-Z]{2})(?:[-_ ]([A-Z0-9]{1,3}))?$/.exec(s);
  if (!m) {
    m = /^([A-Z]{2})([A-Z0-9]{2,3})$/.exec(s);
    if (m && !hasSubdivisionRows(m[1])) m = null;
  }
  if (!m || NOT_A_COUNTRY.test(m[1])) return null;
  return m[2] ? m[1] + '-' + m[2] : m[1];
}
