import { normalizeRegion } from './regions';

/**
 * Reads the `geoEndpoint` answer `{"country":"DE","region":"BY"}` (docs/SPEC.md §2) to `CC` or `CC-SUB`, or null when it
 * names no country (missing, not a string, `XX`/`T1`/`**`). `region` may be the bare subdivision (Vercel,
 * CloudFront, Akamai: `CA`), already prefixed (Fastly: `GB-BNH`) or CLDR (Google Cloud: `USCA`, for US and CA);
 * a region that does not fit the country is ignored and the country alone is kept.
 */
export function parseGeoAnswer(json: unknown): string | null {
  if (!json || typeof json !== 'object') return null;
  const { country, region } = json as { country?: unknown; region?: unknown };
  const cc = typeof country === 'string' ? normalizeRegion(country) : null;
  if (!cc || cc.length > 2) return null;
  if (typeof region === 'string') {
    const r = normalizeRegion(region);
    if (r && r.slice(0, 3) === cc + '-') return r;
    const sub = normalizeRegion(cc + '-' + region.trim());
    // some answers repeat the country as the region when they have none: `US-US` is no state
    if (sub && sub !== cc + '-' + cc) return sub;
  }
  return cc;
}
