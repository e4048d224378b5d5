import type { ResolvedConfig } from '../config/types';
import { resolveJurisdiction } from './resolve';
import type { Jurisdiction } from './types';

/** Until the region is known, the visitor is in the strictest regime (unknown = opt-in). */
export const UNKNOWN: Jurisdiction = { region: null, regime: 'opt-in', source: 'unknown', gpcRequired: false };

const timeZone = (): string | null => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    // A throwing Intl (old engines, odd polyfills) is simply "no time zone": the chain goes on.
    return null;
  }
};

/**
 * Where the visitor is (docs/SPEC.md §3), from the configured region, else the geo answer (null: none), else what
 * the browser tells; unknown (opt-in) under a config error.
 */
export function locate(config: ResolvedConfig, nav: Navigator, strict: boolean, geo: string | null): Jurisdiction {
  const configured = config.region !== 'auto' ? config.region : null;
  return strict
    ? UNKNOWN
    : resolveJurisdiction({
        configured,
        geo,
        // Only when it can matter (no region yet, or Canada without a province): the first Intl.DateTimeFormat of a
        // page costs ~10 ms of ICU set-up, a third of our start-up.
        timeZone: configured || (geo && geo !== 'CA') ? null : timeZone(),
        languages: nav.languages || [],
        overrides: config.regimes,
      });
}
