/**
 * The three consent regimes (docs/SPEC.md §3; facts: docs/jurisdictions.md).
 * - `opt-in`: nothing non-essential before an affirmative choice.
 * - `opt-out`: allowed by default, a clear opt-out, GPC honoured.
 * - `notice`: inform; defaults on; GPC/DNT still honoured when configured.
 */
export type Regime = 'opt-in' | 'opt-out' | 'notice';

/** Which step of the resolution chain (docs/SPEC.md §3) produced the region. */
export type RegionSource = 'config' | 'geo' | 'timezone' | 'language' | 'unknown';

/** The resolved jurisdiction, exposed as `{ region, regime, source }` (docs/SPEC.md §3). */
export interface Jurisdiction {
  /** `CC` or `CC-SUB` (ISO 3166), or null when unknown or only known to be "elsewhere". */
  region: string | null;
  regime: Regime;
  source: RegionSource;
  /** A law there makes honouring Global Privacy Control mandatory (e.g. CCPA, 11 CCR 7025). */
  gpcRequired: boolean;
}

/** Site override: region code or country code -> regime, e.g. `{ JP: 'opt-in', 'US-WA': 'opt-out' }`. */
export type RegimeOverrides = Record<string, Regime>;
