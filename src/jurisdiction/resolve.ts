import { regimeFor } from './regimes';
import { normalizeRegion } from './regions';
import { ELSEWHERE, regionFromTimeZone } from './timezones';
import { regionFromLanguages } from './region-from-languages';
import type { Jurisdiction, RegimeOverrides, RegionSource } from './types';

export interface JurisdictionInput {
  /** `config.region` when it is not `'auto'`. */
  configured?: string | null;
  /** The geo answer (`parseGeoAnswer`), or null when there is none, it failed or it came after `geoTimeoutMs`. */
  geo?: string | null;
  /** `Intl.DateTimeFormat().resolvedOptions().timeZone`, or null when Intl is missing or threw. */
  timeZone?: string | null;
  /** `navigator.languages`. */
  languages?: readonly string[];
  /** `config.regimes`. */
  overrides?: RegimeOverrides;
}

/**
 * Where the visitor is and which regime applies (docs/SPEC.md §3): the configured region, else the geo answer, else the
 * time zone, else the language region, else unknown, which is opt-in (facts, "unknown" row).
 * - A configured region that is not a region (`'XX'`, a typo) fails closed: unknown, opt-in, source `config`.
 * - A geo country without a province plus a zone that names one (`CA` + America/Toronto) is `CA-QC` (facts, CA
 *   row), source `geo`.
 * - A zone of a place with no row of its own (`Asia/Tokyo`) resolves: region null, `notice`, source `timezone`.
 * - After a zone that names no place (`UTC`, `Etc/*`, what Tor and Firefox resistFingerprinting report, with
 *   `en-US`), the language may name the region only where it stays opt-in: the unknown row must not turn into
 *   US opt-out. Without any zone (no Intl) the language counts as docs/SPEC.md §3 says.
 */
export function resolveJurisdiction(input: JurisdictionInput): Jurisdiction {
  const { configured, geo, timeZone, languages, overrides } = input;
  const at = (region: string | null, source: RegionSource): Jurisdiction => ({
    region,
    source,
    ...regimeFor(region, overrides),
  });
  if (configured != null) return at(normalizeRegion(configured), 'config');
  const zone = timeZone ? regionFromTimeZone(timeZone) : null;
  const place = geo ? normalizeRegion(geo) : null;
  if (place) return at(zone && zone.slice(0, 3) === place + '-' ? zone : place, 'geo');
  if (zone === ELSEWHERE) return { ...at(zone, 'timezone'), region: null };
  if (zone) return at(zone, 'timezone');
  const spoken = languages ? at(regionFromLanguages(languages), 'language') : null;
  return spoken && spoken.region && (!timeZone || spoken.regime === 'opt-in') ? spoken : at(null, 'unknown');
}
